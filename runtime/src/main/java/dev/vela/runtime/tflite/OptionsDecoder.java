package dev.vela.runtime.tflite;

import static dev.vela.runtime.tflite.BuiltinOperators.*;

/**
 * Decodes an operator's {@code builtin_options} union for the operators the runtime maps. The
 * union tag must be the one the schema pairs with the operator (or NONE, which means every field
 * takes its schema default); other operators keep their tag as {@link BuiltinOptions.Raw}.
 */
final class OptionsDecoder {

    // Union tags of BuiltinOptions: 1-based positions in the schema's union declaration.
    static final int CONV_2D_OPTIONS = 1;
    static final int DEPTHWISE_CONV_2D_OPTIONS = 2;
    static final int POOL_2D_OPTIONS = 5;
    static final int SVDF_OPTIONS = 6;
    static final int FULLY_CONNECTED_OPTIONS = 8;
    static final int SOFTMAX_OPTIONS = 9;
    static final int CONCATENATION_OPTIONS = 10;
    static final int ADD_OPTIONS = 11;
    static final int CALL_OPTIONS = 16;
    static final int RESHAPE_OPTIONS = 17;
    static final int MUL_OPTIONS = 21;
    static final int PAD_OPTIONS = 22;
    static final int TRANSPOSE_OPTIONS = 26;
    static final int REDUCER_OPTIONS = 27;
    static final int SUB_OPTIONS = 28;
    static final int DIV_OPTIONS = 29;
    static final int STRIDED_SLICE_OPTIONS = 32;
    static final int CAST_OPTIONS = 37;
    static final int DEQUANTIZE_OPTIONS = 38;
    static final int MAXIMUM_MINIMUM_OPTIONS = 39;
    static final int PADV2_OPTIONS = 43;
    static final int TRANSPOSE_CONV_OPTIONS = 49;
    static final int UNIDIRECTIONAL_SEQUENCE_LSTM_OPTIONS = 71;
    static final int LEAKY_RELU_OPTIONS = 75;
    static final int QUANTIZE_OPTIONS = 89;
    static final int HARD_SWISH_OPTIONS = 91;
    static final int IF_OPTIONS = 92;
    static final int WHILE_OPTIONS = 93;
    static final int CALL_ONCE_OPTIONS = 103;

    private OptionsDecoder() {}

    /** The union tag the schema pairs with a builtin code, or -1 when this reader does not decode it. */
    static int expectedTag(int builtinCode) {
        return switch (builtinCode) {
            case CONV_2D -> CONV_2D_OPTIONS;
            case DEPTHWISE_CONV_2D -> DEPTHWISE_CONV_2D_OPTIONS;
            case AVERAGE_POOL_2D, MAX_POOL_2D -> POOL_2D_OPTIONS;
            case SVDF -> SVDF_OPTIONS;
            case FULLY_CONNECTED -> FULLY_CONNECTED_OPTIONS;
            case SOFTMAX -> SOFTMAX_OPTIONS;
            case CONCATENATION -> CONCATENATION_OPTIONS;
            case ADD -> ADD_OPTIONS;
            case CALL -> CALL_OPTIONS;
            case RESHAPE -> RESHAPE_OPTIONS;
            case MUL -> MUL_OPTIONS;
            case PAD -> PAD_OPTIONS;
            case TRANSPOSE -> TRANSPOSE_OPTIONS;
            case MEAN -> REDUCER_OPTIONS;
            case SUB -> SUB_OPTIONS;
            case DIV -> DIV_OPTIONS;
            case STRIDED_SLICE -> STRIDED_SLICE_OPTIONS;
            case CAST -> CAST_OPTIONS;
            case DEQUANTIZE -> DEQUANTIZE_OPTIONS;
            case MAXIMUM, MINIMUM -> MAXIMUM_MINIMUM_OPTIONS;
            case PADV2 -> PADV2_OPTIONS;
            case TRANSPOSE_CONV -> TRANSPOSE_CONV_OPTIONS;
            case UNIDIRECTIONAL_SEQUENCE_LSTM -> UNIDIRECTIONAL_SEQUENCE_LSTM_OPTIONS;
            case LEAKY_RELU -> LEAKY_RELU_OPTIONS;
            case QUANTIZE -> QUANTIZE_OPTIONS;
            case HARD_SWISH -> HARD_SWISH_OPTIONS;
            case IF -> IF_OPTIONS;
            case WHILE -> WHILE_OPTIONS;
            case CALL_ONCE -> CALL_ONCE_OPTIONS;
            default -> -1;
        };
    }

    /**
     * @param builtinCode the operator's resolved builtin code
     * @param tag the union tag found in the file
     * @param table the options table, or null when absent
     * @param op the operator table (for messages)
     */
    static BuiltinOptions decode(int builtinCode, int tag, FlatTable table, FlatTable op) {
        int expected = expectedTag(builtinCode);
        if (expected < 0) {
            return tag == 0 ? new BuiltinOptions.None() : new BuiltinOptions.Raw(tag);
        }
        if (tag != 0 && tag != expected) {
            throw op.context()
                    .error(
                            op.position(),
                            op.what() + " (" + BuiltinOperators.name(builtinCode)
                                    + ") carries builtin options of union type " + tag + ", expected " + expected);
        }
        FlatTable t = tag == 0 ? null : table;
        return switch (builtinCode) {
            case CONV_2D ->
                new BuiltinOptions.Conv2D(
                        padding(t, 0, op), i(t, 1, 0), i(t, 2, 0), act(t, 3, op), i(t, 4, 1), i(t, 5, 1));
            case DEPTHWISE_CONV_2D ->
                new BuiltinOptions.DepthwiseConv2D(
                        padding(t, 0, op), i(t, 1, 0), i(t, 2, 0), i(t, 3, 0), act(t, 4, op), i(t, 5, 1), i(t, 6, 1));
            case AVERAGE_POOL_2D, MAX_POOL_2D ->
                new BuiltinOptions.Pool2D(
                        padding(t, 0, op), i(t, 1, 0), i(t, 2, 0), i(t, 3, 0), i(t, 4, 0), act(t, 5, op));
            case SVDF -> new BuiltinOptions.Svdf(i(t, 0, 0), act(t, 1, op), b(t, 2, false));
            case FULLY_CONNECTED ->
                new BuiltinOptions.FullyConnected(
                        act(t, 0, op), t == null ? 0 : t.getByte(1, (byte) 0), b(t, 2, false), b(t, 3, false));
            case SOFTMAX -> new BuiltinOptions.Softmax(f(t, 0, 0f));
            case CONCATENATION -> new BuiltinOptions.Concatenation(i(t, 0, 0), act(t, 1, op));
            case ADD, SUB -> new BuiltinOptions.Arithmetic(act(t, 0, op), b(t, 1, true));
            case MUL, DIV -> new BuiltinOptions.Arithmetic(act(t, 0, op), true);
            case RESHAPE -> new BuiltinOptions.Reshape(t == null ? null : t.ints(0, "new_shape"));
            case MEAN -> new BuiltinOptions.Reducer(b(t, 0, false));
            case STRIDED_SLICE ->
                new BuiltinOptions.StridedSlice(
                        i(t, 0, 0), i(t, 1, 0), i(t, 2, 0), i(t, 3, 0), i(t, 4, 0), b(t, 5, false));
            case CAST -> new BuiltinOptions.Cast(type(t, 0), type(t, 1));
            case TRANSPOSE_CONV ->
                new BuiltinOptions.TransposeConv(padding(t, 0, op), i(t, 1, 0), i(t, 2, 0), act(t, 3, op));
            case UNIDIRECTIONAL_SEQUENCE_LSTM ->
                new BuiltinOptions.UnidirectionalSequenceLstm(
                        act(t, 0, op), f(t, 1, 0f), f(t, 2, 0f), b(t, 3, false), b(t, 4, false), b(t, 5, false));
            case LEAKY_RELU -> new BuiltinOptions.LeakyRelu(f(t, 0, 0f));
            case CALL ->
                new BuiltinOptions.SubgraphCall(new int[] {
                    (int) Math.min(Integer.MAX_VALUE, t == null ? 0 : t.getUint(0, 0))
                });
            case IF, WHILE -> new BuiltinOptions.SubgraphCall(new int[] {i(t, 0, 0), i(t, 1, 0)});
            case CALL_ONCE -> new BuiltinOptions.SubgraphCall(new int[] {i(t, 0, 0)});
            default -> new BuiltinOptions.None(); // option tables without fields
        };
    }

    private static int i(FlatTable t, int id, int def) {
        return t == null ? def : t.getInt(id, def);
    }

    private static boolean b(FlatTable t, int id, boolean def) {
        return t == null ? def : t.getBool(id, def);
    }

    private static float f(FlatTable t, int id, float def) {
        return t == null ? def : t.getFloat(id, def);
    }

    private static Padding padding(FlatTable t, int id, FlatTable op) {
        return t == null ? Padding.SAME : Padding.ofCode(t.getByte(id, (byte) 0), t);
    }

    private static FusedActivation act(FlatTable t, int id, FlatTable op) {
        return t == null ? FusedActivation.NONE : FusedActivation.ofCode(t.getByte(id, (byte) 0), t);
    }

    private static TfliteTensorType type(FlatTable t, int id) {
        if (t == null || !t.has(id)) {
            return null;
        }
        int code = t.getByte(id, (byte) 0);
        TfliteTensorType type = TfliteTensorType.ofCode(code);
        if (type == null) {
            throw t.context().error(t.position(), t.what() + " names unknown tensor type " + code);
        }
        return type;
    }
}
