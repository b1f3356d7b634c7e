package dev.vela.runtime.tflite;

/**
 * Names and codes of TFLite's {@code BuiltinOperator} enum (schema.fbs). Codes the table does not
 * know are reported as {@code BUILTIN_<code>} so a model from a newer converter still reads and
 * fails only when an unknown operator must run.
 */
public final class BuiltinOperators {

    public static final int ADD = 0;
    public static final int AVERAGE_POOL_2D = 1;
    public static final int CONCATENATION = 2;
    public static final int CONV_2D = 3;
    public static final int DEPTHWISE_CONV_2D = 4;
    public static final int DEQUANTIZE = 6;
    public static final int FULLY_CONNECTED = 9;
    public static final int LOGISTIC = 14;
    public static final int MAX_POOL_2D = 17;
    public static final int MUL = 18;
    public static final int RELU = 19;
    public static final int RELU_N1_TO_1 = 20;
    public static final int RELU6 = 21;
    public static final int RESHAPE = 22;
    public static final int SOFTMAX = 25;
    public static final int SVDF = 27;
    public static final int TANH = 28;
    public static final int CALL = 31;
    public static final int CUSTOM = 32;
    public static final int PAD = 34;
    public static final int TRANSPOSE = 39;
    public static final int MEAN = 40;
    public static final int SUB = 41;
    public static final int DIV = 42;
    public static final int UNIDIRECTIONAL_SEQUENCE_LSTM = 44;
    public static final int STRIDED_SLICE = 45;
    public static final int CAST = 53;
    public static final int MAXIMUM = 55;
    public static final int MINIMUM = 57;
    public static final int PADV2 = 60;
    public static final int TRANSPOSE_CONV = 67;
    public static final int LEAKY_RELU = 98;
    public static final int QUANTIZE = 114;
    public static final int HARD_SWISH = 117;
    public static final int IF = 118;
    public static final int WHILE = 119;
    /** Codes below this fit the deprecated byte field; larger ones only the int field. */
    public static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

    public static final int CALL_ONCE = 129;

    // Index = code. Unused slots (none below 206 today) would be null.
    private static final String[] NAMES =
            ("ADD AVERAGE_POOL_2D CONCATENATION CONV_2D DEPTHWISE_CONV_2D DEPTH_TO_SPACE DEQUANTIZE"
                            + " EMBEDDING_LOOKUP FLOOR FULLY_CONNECTED HASHTABLE_LOOKUP L2_NORMALIZATION L2_POOL_2D"
                            + " LOCAL_RESPONSE_NORMALIZATION LOGISTIC LSH_PROJECTION LSTM MAX_POOL_2D MUL RELU"
                            + " RELU_N1_TO_1 RELU6 RESHAPE RESIZE_BILINEAR RNN SOFTMAX SPACE_TO_DEPTH SVDF TANH"
                            + " CONCAT_EMBEDDINGS SKIP_GRAM CALL CUSTOM EMBEDDING_LOOKUP_SPARSE PAD"
                            + " UNIDIRECTIONAL_SEQUENCE_RNN GATHER BATCH_TO_SPACE_ND SPACE_TO_BATCH_ND TRANSPOSE MEAN"
                            + " SUB DIV SQUEEZE UNIDIRECTIONAL_SEQUENCE_LSTM STRIDED_SLICE BIDIRECTIONAL_SEQUENCE_RNN"
                            + " EXP TOPK_V2 SPLIT LOG_SOFTMAX DELEGATE BIDIRECTIONAL_SEQUENCE_LSTM CAST PRELU MAXIMUM"
                            + " ARG_MAX MINIMUM LESS NEG PADV2 GREATER GREATER_EQUAL LESS_EQUAL SELECT SLICE SIN"
                            + " TRANSPOSE_CONV SPARSE_TO_DENSE TILE EXPAND_DIMS EQUAL NOT_EQUAL LOG SUM SQRT RSQRT"
                            + " SHAPE POW ARG_MIN FAKE_QUANT REDUCE_PROD REDUCE_MAX PACK LOGICAL_OR ONE_HOT"
                            + " LOGICAL_AND LOGICAL_NOT UNPACK REDUCE_MIN FLOOR_DIV REDUCE_ANY SQUARE ZEROS_LIKE FILL"
                            + " FLOOR_MOD RANGE RESIZE_NEAREST_NEIGHBOR LEAKY_RELU SQUARED_DIFFERENCE MIRROR_PAD ABS"
                            + " SPLIT_V UNIQUE CEIL REVERSE_V2 ADD_N GATHER_ND COS WHERE RANK ELU REVERSE_SEQUENCE"
                            + " MATRIX_DIAG QUANTIZE MATRIX_SET_DIAG ROUND HARD_SWISH IF WHILE NON_MAX_SUPPRESSION_V4"
                            + " NON_MAX_SUPPRESSION_V5 SCATTER_ND SELECT_V2 DENSIFY SEGMENT_SUM BATCH_MATMUL"
                            + " PLACEHOLDER_FOR_GREATER_OP_CODES CUMSUM CALL_ONCE BROADCAST_TO RFFT2D CONV_3D IMAG REAL"
                            + " COMPLEX_ABS HASHTABLE HASHTABLE_FIND HASHTABLE_IMPORT HASHTABLE_SIZE REDUCE_ALL"
                            + " CONV_3D_TRANSPOSE VAR_HANDLE READ_VARIABLE ASSIGN_VARIABLE BROADCAST_ARGS"
                            + " RANDOM_STANDARD_NORMAL BUCKETIZE RANDOM_UNIFORM MULTINOMIAL GELU DYNAMIC_UPDATE_SLICE"
                            + " RELU_0_TO_1 UNSORTED_SEGMENT_PROD UNSORTED_SEGMENT_MAX UNSORTED_SEGMENT_SUM ATAN2"
                            + " UNSORTED_SEGMENT_MIN SIGN BITCAST BITWISE_XOR RIGHT_SHIFT STABLEHLO_LOGISTIC"
                            + " STABLEHLO_ADD STABLEHLO_DIVIDE STABLEHLO_MULTIPLY STABLEHLO_MAXIMUM STABLEHLO_RESHAPE"
                            + " STABLEHLO_CLAMP STABLEHLO_CONCATENATE STABLEHLO_BROADCAST_IN_DIM STABLEHLO_CONVOLUTION"
                            + " STABLEHLO_SLICE STABLEHLO_CUSTOM_CALL STABLEHLO_REDUCE STABLEHLO_ABS STABLEHLO_AND"
                            + " STABLEHLO_COSINE STABLEHLO_EXPONENTIAL STABLEHLO_FLOOR STABLEHLO_LOG STABLEHLO_MINIMUM"
                            + " STABLEHLO_NEGATE STABLEHLO_OR STABLEHLO_POWER STABLEHLO_REMAINDER STABLEHLO_RSQRT"
                            + " STABLEHLO_SELECT STABLEHLO_SUBTRACT STABLEHLO_TANH STABLEHLO_SCATTER STABLEHLO_COMPARE"
                            + " STABLEHLO_CONVERT STABLEHLO_DYNAMIC_SLICE STABLEHLO_DYNAMIC_UPDATE_SLICE STABLEHLO_PAD"
                            + " STABLEHLO_IOTA STABLEHLO_DOT_GENERAL STABLEHLO_REDUCE_WINDOW STABLEHLO_SORT"
                            + " STABLEHLO_WHILE STABLEHLO_GATHER STABLEHLO_TRANSPOSE DILATE STABLEHLO_RNG_BIT_GENERATOR"
                            + " REDUCE_WINDOW")
                    .split(" ");

    private BuiltinOperators() {}

    /** Whether the code names an operator this table knows. */
    public static boolean isKnown(int code) {
        return code >= 0 && code < NAMES.length;
    }

    /** The schema name of a builtin code, or {@code BUILTIN_<code>} when unknown. */
    public static String name(int code) {
        return isKnown(code) ? NAMES[code] : "BUILTIN_" + code;
    }
}
