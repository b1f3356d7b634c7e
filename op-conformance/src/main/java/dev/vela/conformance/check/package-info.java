/**
 * The checks of the kernel contract, each reporting on its own: output types, numerics, input
 * immutability, output bounds, output coverage, determinism, concurrency, honest
 * {@code supports()}, refusal of invalid nodes, and latency. {@link
 * dev.vela.conformance.check.Harness} runs kernels as the runtime does.
 */
package dev.vela.conformance.check;
