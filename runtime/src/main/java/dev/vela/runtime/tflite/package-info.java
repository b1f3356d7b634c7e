/**
 * TFLite models: a bounds-checked reader for the flatbuffer schema ({@link
 * dev.vela.runtime.tflite.TfliteReader}) and an importer into the Vela graph IR ({@link
 * dev.vela.runtime.tflite.TfliteImporter}).
 *
 * <p>Reading: identifier {@code TFL3}, schema version 3; one main subgraph (extra subgraphs are
 * accepted only when the main one does not call them); tensors with shape, shape signature,
 * type, buffer, quantization and the variable flag; buffers as read-only views into the file
 * (buffers stored outside the flatbuffer, used by models over 2 GB, are refused); operator codes
 * with TFLite's builtin-code rule; operators with omitted inputs ({@code -1}), intermediates and
 * decoded builtin options; signature defs. Every read is checked: a corrupt file fails with a
 * {@link dev.vela.runtime.tflite.TfliteFormatException} naming the file and byte offset.
 *
 * <p>Import conventions (docs/architecture.md D1-D3): layout stays NHWC and spatial nodes carry
 * {@code data_format="NHWC"}; quantization stays on tensor types; a fused activation becomes
 * {@code activation} ("Relu", "Clip" with {@code activation_params} [0,6] or [-1,1], "Tanh").
 *
 * <table>
 * <caption>Operator mapping</caption>
 * <tr><th>TFLite</th><th>Vela IR</th></tr>
 * <tr><td>CONV_2D</td><td>Conv: weights OHWI as stored, auto_pad SAME_UPPER/VALID, strides,
 *     dilations, kernel_shape, group = input channels / weight in-channels</td></tr>
 * <tr><td>DEPTHWISE_CONV_2D</td><td>Conv with group = C; weights [1,kH,kW,C*m] become a new
 *     constant [C*m,kH,kW,1] (per-channel axis 3 becomes 0)</td></tr>
 * <tr><td>FULLY_CONNECTED</td><td>Gemm transB=1, with Reshapes to [N, I] and back to the output
 *     shape when the input is not a matrix or keep_num_dims is set</td></tr>
 * <tr><td>ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM</td><td>Add, Sub, Mul, Div, Max, Min</td></tr>
 * <tr><td>AVERAGE_POOL_2D, MAX_POOL_2D</td><td>AveragePool, MaxPool (kernel_shape, strides,
 *     auto_pad)</td></tr>
 * <tr><td>MEAN</td><td>ReduceMean with the axes as an int64 constant input, keepdims</td></tr>
 * <tr><td>SOFTMAX</td><td>Softmax axis -1 (attribute beta when it is not 1)</td></tr>
 * <tr><td>LOGISTIC, TANH, RELU, LEAKY_RELU, HARD_SWISH</td><td>Sigmoid, Tanh, Relu,
 *     LeakyRelu(alpha), HardSwish</td></tr>
 * <tr><td>RELU6, RELU_N1_TO_1</td><td>Clip with min/max scalar inputs of the input's type
 *     (quantized with its parameters)</td></tr>
 * <tr><td>RESHAPE, TRANSPOSE, CONCATENATION</td><td>Reshape (int64 shape input), Transpose
 *     (perm), Concat (axis)</td></tr>
 * <tr><td>PAD, PADV2</td><td>Pad with ONNX begin/end pads; a quantized input without a PADV2
 *     value pads with its zero point, given explicitly</td></tr>
 * <tr><td>STRIDED_SLICE</td><td>Slice with constant starts/ends/axes/steps (masks resolved),
 *     plus a Reshape for shrunk axes; ellipsis and new-axis masks are refused</td></tr>
 * <tr><td>TRANSPOSE_CONV</td><td>ConvTranspose on (input, weights [O,kH,kW,I] as stored, bias)
 *     with explicit pads and output_padding from the static output shape</td></tr>
 * <tr><td>QUANTIZE, DEQUANTIZE</td><td>QuantizeLinear, DequantizeLinear with scale and zero
 *     point constants from the tensor types (float16 DEQUANTIZE: Cast)</td></tr>
 * <tr><td>CAST</td><td>Cast (ONNX type code in {@code to})</td></tr>
 * <tr><td>SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM</td><td>tflite:SVDF,
 *     tflite:UnidirectionalSequenceLSTM: inputs positional as in TFLite, options as attributes,
 *     variable state as a zero-reset initializer</td></tr>
 * <tr><td>anything else</td><td>tflite:&lt;BUILTIN_NAME&gt; (reported unsupported by name)</td></tr>
 * <tr><td>CUSTOM</td><td>tflite:&lt;custom_code&gt; at the opcode's version, inputs and outputs as in TFLite,
 *     custom_options (a FlexBuffers map) decoded into typed attributes by {@code CustomOptions}; a plugin must
 *     define the operator (refused at load naming it otherwise)</td></tr>
 * </table>
 */
package dev.vela.runtime.tflite;
