/**
 * Quantized reference kernels (docs/architecture.md D3), bit-exact with TFLite's (and TFLite Micro's)
 * integer reference kernels: fixed-point requantization ({@link dev.vela.reference.quantized.FixedPoint}),
 * int8 / uint8 / 16x8 convolution, fully-connected, element-wise arithmetic, pooling, mean,
 * activations, softmax, LSTM and SVDF, plus ONNX's quantization operators (QuantizeLinear,
 * DequantizeLinear, DynamicQuantizeLinear, QLinearConv, QLinearMatMul, ConvInteger,
 * MatMulInteger) with ONNX semantics. {@link dev.vela.reference.quantized.QuantizedOps#all()}
 * lists the factories.
 *
 * <p>Conventions: quantization lives on tensor types; a quantized output's parameters come from
 * the graph ({@code Node.outputQuantization}, {@code Node.outputDataType}) or, for nodes built by
 * hand, the attributes {@code output_scale}, {@code output_zero_point} and {@code output_dtype};
 * fused activations from {@code activation} ("Relu", "Clip") and {@code activation_params}.
 */
package dev.vela.reference.quantized;
