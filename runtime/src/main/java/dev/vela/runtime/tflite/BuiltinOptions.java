package dev.vela.runtime.tflite;

/**
 * The decoded {@code builtin_options} union of an operator. Each record holds the fields of one
 * schema table with the schema's defaults applied where the file omits a field; operators whose
 * options this reader does not decode carry {@link Raw} with the union type.
 */
public sealed interface BuiltinOptions {

    /** The operator has no options table (or its table is empty by design, e.g. PadOptions). */
    record None() implements BuiltinOptions {}

    /** Options this reader does not decode; {@code unionType} is the schema's union tag. */
    record Raw(int unionType) implements BuiltinOptions {}

    /** CONV_2D. */
    record Conv2D(Padding padding, int strideW, int strideH, FusedActivation activation, int dilationW, int dilationH)
            implements BuiltinOptions {}

    /** DEPTHWISE_CONV_2D. */
    record DepthwiseConv2D(
            Padding padding,
            int strideW,
            int strideH,
            int depthMultiplier,
            FusedActivation activation,
            int dilationW,
            int dilationH)
            implements BuiltinOptions {}

    /** AVERAGE_POOL_2D, MAX_POOL_2D. */
    record Pool2D(Padding padding, int strideW, int strideH, int filterW, int filterH, FusedActivation activation)
            implements BuiltinOptions {}

    /** SVDF. */
    record Svdf(int rank, FusedActivation activation, boolean asymmetricQuantizeInputs) implements BuiltinOptions {}

    /** FULLY_CONNECTED; weightsFormat 0 is DEFAULT, 1 SHUFFLED4x16INT8. */
    record FullyConnected(
            FusedActivation activation, int weightsFormat, boolean keepNumDims, boolean asymmetricQuantizeInputs)
            implements BuiltinOptions {}

    /** SOFTMAX. */
    record Softmax(float beta) implements BuiltinOptions {}

    /** CONCATENATION. */
    record Concatenation(int axis, FusedActivation activation) implements BuiltinOptions {}

    /** ADD, SUB (potScaleInt16 defaults to true), MUL, DIV (no such flag: true). */
    record Arithmetic(FusedActivation activation, boolean potScaleInt16) implements BuiltinOptions {}

    /** RESHAPE; newShape is null when the option is absent (the shape then comes from input 1). */
    record Reshape(int[] newShape) implements BuiltinOptions {}

    /** MEAN and the other reducers. */
    record Reducer(boolean keepDims) implements BuiltinOptions {}

    /** STRIDED_SLICE. */
    record StridedSlice(
            int beginMask, int endMask, int ellipsisMask, int newAxisMask, int shrinkAxisMask, boolean offset)
            implements BuiltinOptions {}

    /** CAST; types may be null when the file omits them. */
    record Cast(TfliteTensorType in, TfliteTensorType out) implements BuiltinOptions {}

    /** TRANSPOSE_CONV. */
    record TransposeConv(Padding padding, int strideW, int strideH, FusedActivation activation)
            implements BuiltinOptions {}

    /** UNIDIRECTIONAL_SEQUENCE_LSTM. */
    record UnidirectionalSequenceLstm(
            FusedActivation activation,
            float cellClip,
            float projClip,
            boolean timeMajor,
            boolean asymmetricQuantizeInputs,
            boolean diagonalRecurrentTensors)
            implements BuiltinOptions {}

    /** LEAKY_RELU. */
    record LeakyRelu(float alpha) implements BuiltinOptions {}

    /** CALL, IF, WHILE, CALL_ONCE: the subgraphs the operator runs. */
    record SubgraphCall(int[] subgraphs) implements BuiltinOptions {}
}
