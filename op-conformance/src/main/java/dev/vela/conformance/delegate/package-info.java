/**
 * Certifying delegates (docs/architecture.md D13) on subgraphs instead of single nodes: seeded generation of valid
 * int8 and float32 (NHWC and NCHW) subgraphs of the claimed operators (chains, branches, residual adds, a second
 * input, concats, fully connected tails), subgraphs cut from real models' chains ({@link
 * dev.vela.conformance.delegate.ModelCut}), every proposed set compiled and checked against the reference execution
 * of the same subgraph (integers bit-exact, floats within a tolerance accumulated over depth), and shrinking of a
 * failure to a minimal subgraph with a one-line replay.
 */
package dev.vela.conformance.delegate;
