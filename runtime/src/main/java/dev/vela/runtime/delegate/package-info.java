/**
 * Delegates (docs/architecture.md D13): checking a delegate's proposal (claimed and admitted nodes, convex sets, its
 * limits), compiling the accepted partitions, rewriting the graph so each partition runs as one node, and saying
 * which nodes were left out and why.
 */
package dev.vela.runtime.delegate;
