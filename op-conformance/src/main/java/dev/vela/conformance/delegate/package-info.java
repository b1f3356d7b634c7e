/**
 * Certifying delegates (docs/architecture.md D13) on subgraphs instead of single nodes: seeded generation of valid int8
 * subgraphs of the claimed operators (chains, residual adds, a second input), checks against the reference execution
 * of the same subgraph, and shrinking of a failure to a minimal subgraph with a one-line replay.
 */
package dev.vela.conformance.delegate;
