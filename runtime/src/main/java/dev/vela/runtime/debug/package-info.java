/**
 * Finding where two runs of a model part: recording every intermediate value of a run ({@link
 * dev.vela.runtime.debug.ValueRecording}), writing it as {@code .npy} files with an index ({@link
 * dev.vela.runtime.debug.TensorDump}, {@code vela run --dump}), and comparing two recordings node by node under the
 * tolerance policy ({@link dev.vela.runtime.debug.DivergenceCheck}, {@code vela diff}).
 */
package dev.vela.runtime.debug;
