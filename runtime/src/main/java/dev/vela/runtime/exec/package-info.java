/**
 * Execution: kernel lookup by operator, per-node kernel preparation and caching, and the executor that runs a graph.
 */
package dev.vela.runtime.exec;
