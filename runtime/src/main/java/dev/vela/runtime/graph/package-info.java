/**
 * The graph IR: values with declared types, nodes, and a validated, topologically sorted graph.
 */
package dev.vela.runtime.graph;
