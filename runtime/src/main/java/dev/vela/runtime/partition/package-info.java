/** Partitioning: which admitted provider runs each node, and why the others do not. */
package dev.vela.runtime.partition;
