/**
 * The {@code .vela} package: one versioned, checksummed file holding a graph, its weights (mapped, never copied, at
 * load) and metadata (producer, source model hash, per-value types and quantization, input/output descriptions,
 * named configurations). {@link dev.vela.runtime.pack.PackageWriter} documents the layout.
 */
package dev.vela.runtime.pack;
