/**
 * Post-training quantization (docs/architecture.md D3, the TFLite scheme): calibration of a float model over sample
 * inputs, the choice of int8 parameters (asymmetric activations, symmetric per-channel weights, int32 bias), the
 * static int8 rewrite of the graph and the lighter dynamic-range rewrite (int8 weights, float compute).
 */
package dev.vela.runtime.quantize;
