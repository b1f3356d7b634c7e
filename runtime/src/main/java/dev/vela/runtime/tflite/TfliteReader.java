package dev.vela.runtime.tflite;

import dev.vela.runtime.validate.QuantizationLimits;
import dev.vela.runtime.validate.TensorLimits;
import dev.vela.spi.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a TFLite flatbuffer (schema version 3, identifier {@code TFL3}) into a {@link TfliteModel}.
 * Every offset and index is checked, so a truncated or corrupt file fails with a
 * {@link TfliteFormatException} naming the file and the byte offset; well-formed files using what
 * the runtime cannot run (buffers outside the flatbuffer, control flow across subgraphs) fail with
 * a {@link TfliteUnsupportedException}.
 */
public final class TfliteReader {

    /** The file identifier at bytes 4..7. */
    public static final String IDENTIFIER = "TFL3";

    // Field ids of the schema tables this reader walks.
    private static final int MODEL_VERSION = 0;
    private static final int MODEL_OPERATOR_CODES = 1;
    private static final int MODEL_SUBGRAPHS = 2;
    private static final int MODEL_DESCRIPTION = 3;
    private static final int MODEL_BUFFERS = 4;
    private static final int MODEL_SIGNATURE_DEFS = 7;
    private static final int CODE_DEPRECATED_BUILTIN = 0;
    private static final int CODE_CUSTOM = 1;
    private static final int CODE_VERSION = 2;
    private static final int CODE_BUILTIN = 3;
    private static final int BUFFER_DATA = 0;
    private static final int BUFFER_OFFSET = 1;
    private static final int BUFFER_SIZE = 2;
    private static final int SUBGRAPH_TENSORS = 0;
    private static final int SUBGRAPH_INPUTS = 1;
    private static final int SUBGRAPH_OUTPUTS = 2;
    private static final int SUBGRAPH_OPERATORS = 3;
    private static final int SUBGRAPH_NAME = 4;
    private static final int TENSOR_SHAPE = 0;
    private static final int TENSOR_TYPE = 1;
    private static final int TENSOR_BUFFER = 2;
    private static final int TENSOR_NAME = 3;
    private static final int TENSOR_QUANTIZATION = 4;
    private static final int TENSOR_IS_VARIABLE = 5;
    private static final int TENSOR_SPARSITY = 6;
    private static final int TENSOR_SHAPE_SIGNATURE = 7;
    private static final int QUANT_MIN = 0;
    private static final int QUANT_MAX = 1;
    private static final int QUANT_SCALE = 2;
    private static final int QUANT_ZERO_POINT = 3;
    private static final int QUANT_DETAILS_TYPE = 4;
    private static final int QUANT_DIMENSION = 6;
    private static final int OP_OPCODE_INDEX = 0;
    private static final int OP_INPUTS = 1;
    private static final int OP_OUTPUTS = 2;
    private static final int OP_OPTIONS_TYPE = 3;
    private static final int OP_OPTIONS = 4;
    private static final int OP_CUSTOM_OPTIONS = 5;
    private static final int OP_MUTATING_VARIABLE_INPUTS = 7;
    private static final int OP_INTERMEDIATES = 8;
    private static final int OP_LARGE_CUSTOM_OPTIONS_OFFSET = 9;
    private static final int SIGNATURE_INPUTS = 0;
    private static final int SIGNATURE_OUTPUTS = 1;
    private static final int SIGNATURE_KEY = 2;
    private static final int SIGNATURE_SUBGRAPH = 4;
    private static final int TENSOR_MAP_NAME = 0;
    private static final int TENSOR_MAP_INDEX = 1;

    private final FlatContext ctx;

    private TfliteReader(FlatContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the bytes start like a TFLite model (identifier {@code TFL3} at byte 4). */
    public static boolean looksLikeTflite(byte[] head) {
        return head.length >= 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L' && head[7] == '3';
    }

    /** Reads a model file. */
    public static TfliteModel read(Path file) {
        String name = String.valueOf(file.getFileName());
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 64) {
                throw new TfliteUnsupportedException(name + ": " + size
                        + " bytes: models over 2 GB (buffers stored outside the flatbuffer) are not supported");
            }
            return read(name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model held in memory. The model's buffers are views into {@code bytes}: do not
     * modify the array while the model is in use.
     *
     * @param source the file name used in messages
     * @param bytes the whole file
     */
    public static TfliteModel read(String source, byte[] bytes) {
        return read(source, ByteBuffer.wrap(bytes));
    }

    /** Reads a model from the buffer's whole capacity range [0, limit). */
    public static TfliteModel read(String source, ByteBuffer bytes) {
        FlatContext ctx = new FlatContext(source, bytes);
        if (ctx.limit() < 8) {
            throw ctx.error(0, "not a TFLite model: " + ctx.limit() + " bytes is too short for a flatbuffer header");
        }
        byte[] id = new byte[4];
        ctx.bytes().get(4, id);
        if (!IDENTIFIER.equals(new String(id, StandardCharsets.ISO_8859_1))) {
            throw ctx.error(
                    4, "not a TFLite model: file identifier is '" + printable(id) + "', expected '" + IDENTIFIER + "'");
        }
        return new TfliteReader(ctx).model();
    }

    private TfliteModel model() {
        FlatTable model = FlatTable.root(ctx, "model");
        long version = model.getUint(MODEL_VERSION, 0);
        if (version != 3) {
            throw ctx.error(model.position(), "schema version " + version + " is not supported (expected 3)");
        }
        String description = orEmpty(model.string(MODEL_DESCRIPTION, "description"));
        List<TfliteBuffer> buffers = buffers(model);
        List<TfliteOperatorCode> codes = operatorCodes(model);
        int subgraphCount = model.tableCount(MODEL_SUBGRAPHS, "subgraphs");
        if (subgraphCount == 0) {
            throw ctx.error(model.position(), "the model has no subgraph");
        }
        List<TfliteSubgraph> subgraphs = new ArrayList<>(subgraphCount);
        for (int s = 0; s < subgraphCount; s++) {
            FlatTable table = model.tableAt(MODEL_SUBGRAPHS, s, "subgraph " + s);
            subgraphs.add(subgraph(s, table, codes, buffers));
        }
        List<TfliteSignature> signatures = signatures(model, subgraphs);
        TfliteModel result = new TfliteModel(
                ctx.source(),
                version,
                description,
                List.copyOf(codes),
                List.copyOf(subgraphs),
                List.copyOf(buffers),
                List.copyOf(signatures));
        refuseUsedExtraSubgraphs(result);
        return result;
    }

    private List<TfliteBuffer> buffers(FlatTable model) {
        int n = model.tableCount(MODEL_BUFFERS, "buffers");
        List<TfliteBuffer> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            FlatTable t = model.tableAt(MODEL_BUFFERS, b, "buffer " + b);
            long offset = t.getLong(BUFFER_OFFSET, 0);
            if (offset > 1) {
                throw new TfliteUnsupportedException(ctx.source() + ": buffer " + b + " is stored outside the"
                        + " flatbuffer (offset " + offset + ", size " + t.getLong(BUFFER_SIZE, 0)
                        + "): models over 2 GB are not supported");
            }
            ByteBuffer data = t.bytes(BUFFER_DATA, "data");
            out.add(new TfliteBuffer(
                    b, data != null ? data : ByteBuffer.allocate(0).asReadOnlyBuffer()));
        }
        return out;
    }

    private List<TfliteOperatorCode> operatorCodes(FlatTable model) {
        int n = model.tableCount(MODEL_OPERATOR_CODES, "operator_codes");
        List<TfliteOperatorCode> out = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            FlatTable t = model.tableAt(MODEL_OPERATOR_CODES, c, "operator code " + c);
            // TFLite's rule: the int field supersedes the deprecated byte, which stays at
            // PLACEHOLDER_FOR_GREATER_OP_CODES (127) for codes above it; older files only set the byte.
            int deprecated = t.getByte(CODE_DEPRECATED_BUILTIN, (byte) 0);
            int builtin = OperatorCodeRules.resolve(ctx.source(), c, t.getInt(CODE_BUILTIN, 0), deprecated);
            String custom = t.string(CODE_CUSTOM, "custom_code");
            if (builtin == BuiltinOperators.CUSTOM && custom == null) {
                throw ctx.error(t.position(), "operator code " + c + " is CUSTOM without a custom_code name");
            }
            out.add(new TfliteOperatorCode(
                    builtin, builtin == BuiltinOperators.CUSTOM ? custom : null, t.getInt(CODE_VERSION, 1)));
        }
        return out;
    }

    private TfliteSubgraph subgraph(int s, FlatTable sg, List<TfliteOperatorCode> codes, List<TfliteBuffer> buffers) {
        String where = "subgraph " + s;
        int tensorCount = sg.tableCount(SUBGRAPH_TENSORS, "tensors");
        List<TfliteTensor> tensors = new ArrayList<>(tensorCount);
        for (int i = 0; i < tensorCount; i++) {
            tensors.add(tensor(i, sg.tableAt(SUBGRAPH_TENSORS, i, where + " tensor " + i), buffers));
        }
        int[] inputs = orEmpty(sg.ints(SUBGRAPH_INPUTS, "inputs"));
        int[] outputs = orEmpty(sg.ints(SUBGRAPH_OUTPUTS, "outputs"));
        checkTensorIndices(sg, where + " inputs", inputs, tensorCount, false);
        checkTensorIndices(sg, where + " outputs", outputs, tensorCount, false);
        int opCount = sg.tableCount(SUBGRAPH_OPERATORS, "operators");
        List<TfliteOperator> operators = new ArrayList<>(opCount);
        for (int o = 0; o < opCount; o++) {
            FlatTable op = sg.tableAt(SUBGRAPH_OPERATORS, o, where + " operator " + o);
            operators.add(operator(o, op, codes, tensorCount));
        }
        return new TfliteSubgraph(
                s,
                orEmpty(sg.string(SUBGRAPH_NAME, "name")),
                List.copyOf(tensors),
                inputs,
                outputs,
                List.copyOf(operators));
    }

    private TfliteTensor tensor(int index, FlatTable t, List<TfliteBuffer> buffers) {
        int[] shape = orEmpty(t.ints(TENSOR_SHAPE, "shape"));
        for (int d : shape) {
            if (d < 0) {
                throw ctx.error(t.position(), t.what() + " has negative dimension in shape " + Arrays.toString(shape));
            }
        }
        int typeCode = t.getByte(TENSOR_TYPE, (byte) 0);
        TfliteTensorType type = TfliteTensorType.ofCode(typeCode);
        if (type == null) {
            throw ctx.error(t.position(), t.what() + " has unknown tensor type code " + typeCode);
        }
        long buffer = t.getUint(TENSOR_BUFFER, 0);
        if (buffer >= buffers.size()) {
            throw ctx.error(
                    t.position(), t.what() + " refers to buffer " + buffer + " but the model has " + buffers.size());
        }
        String name = orEmpty(t.string(TENSOR_NAME, "name"));
        boolean sparse = t.has(TENSOR_SPARSITY);
        String described = t.what() + " '" + name + "'";
        DataType dataType = TfliteTypes.dataType(type);
        TensorLimits.check(ctx.source(), described, dataType, toLongs(shape), Arrays.toString(shape));
        TfliteQuantization quantization = quantization(t, shape);
        if (quantization != null && quantization.hasScale() && dataType != null && !dataType.isFloatingPoint()) {
            QuantizationLimits.check(ctx.source(), described, dataType, quantization.scale(), quantization.zeroPoint());
        }
        TfliteTensor tensor = new TfliteTensor(
                index,
                name,
                shape,
                t.ints(TENSOR_SHAPE_SIGNATURE, "shape_signature"),
                type,
                buffer,
                quantization,
                t.getBool(TENSOR_IS_VARIABLE, false),
                sparse);
        checkDataSize(t, tensor, buffers.get((int) buffer));
        return tensor;
    }

    private void checkDataSize(FlatTable t, TfliteTensor tensor, TfliteBuffer buffer) {
        boolean packed = tensor.type() == TfliteTensorType.INT4;
        if (buffer.size() == 0 || tensor.sparse() || tensor.type().byteSize() == 0 && !packed) {
            return;
        }
        long elements = 1;
        for (int d : tensor.shape()) {
            elements = Math.multiplyHigh(elements, d) != 0 ? Long.MAX_VALUE / 16 : elements * d;
        }
        // INT4 packs two elements per byte, low nibble first; an odd count rounds up to a whole byte
        long expected = packed ? (elements + 1) / 2 : elements * tensor.type().byteSize();
        if (expected != buffer.size()) {
            throw ctx.error(
                    t.position(),
                    t.what() + " " + tensor.describe() + " of type " + tensor.type()
                            + " and shape " + Arrays.toString(tensor.shape()) + " needs " + expected
                            + " bytes but buffer " + buffer.index() + " holds " + buffer.size());
        }
    }

    private TfliteQuantization quantization(FlatTable tensor, int[] shape) {
        FlatTable q = tensor.table(TENSOR_QUANTIZATION, "quantization");
        if (q == null) {
            return null;
        }
        float[] scale = orEmpty(q.floats(QUANT_SCALE, "scale"));
        long[] zeroPoint = q.longs(QUANT_ZERO_POINT, "zero_point");
        if (zeroPoint == null) {
            zeroPoint = new long[scale.length]; // absent zero points are 0
        }
        if (zeroPoint.length != scale.length && !(scale.length == 0)) {
            throw ctx.error(
                    q.position(),
                    q.what() + " has " + scale.length + " scales but " + zeroPoint.length + " zero points");
        }
        int dimension = q.getInt(QUANT_DIMENSION, 0);
        if (scale.length > 1) {
            // TOCO-era files copy the weights' axis (3) onto the rank-1 per-channel bias; the only
            // axis a rank-1 tensor has is meant (TFLite itself ignores the field there).
            if (shape.length == 1 && shape[0] == scale.length) {
                dimension = 0;
            }
            if (dimension < 0 || dimension >= shape.length) {
                throw ctx.error(
                        q.position(),
                        q.what() + " has quantized_dimension " + dimension + " outside shape "
                                + Arrays.toString(shape));
            }
            if (shape[dimension] != scale.length) {
                throw ctx.error(
                        q.position(),
                        q.what() + " has " + scale.length + " scales for dimension " + dimension + " of size "
                                + shape[dimension]);
            }
        }
        return new TfliteQuantization(
                scale,
                zeroPoint,
                dimension,
                orEmpty(q.floats(QUANT_MIN, "min")),
                orEmpty(q.floats(QUANT_MAX, "max")),
                q.getUbyte(QUANT_DETAILS_TYPE, 0) != 0);
    }

    private TfliteOperator operator(int index, FlatTable op, List<TfliteOperatorCode> codes, int tensorCount) {
        long opcodeIndex = op.getUint(OP_OPCODE_INDEX, 0);
        if (opcodeIndex >= codes.size()) {
            throw ctx.error(
                    op.position(),
                    op.what() + " refers to operator code " + opcodeIndex + " but the model has " + codes.size());
        }
        TfliteOperatorCode code = codes.get((int) opcodeIndex);
        int[] inputs = orEmpty(op.ints(OP_INPUTS, "inputs"));
        int[] outputs = orEmpty(op.ints(OP_OUTPUTS, "outputs"));
        int[] intermediates = orEmpty(op.ints(OP_INTERMEDIATES, "intermediates"));
        checkTensorIndices(op, op.what() + " inputs", inputs, tensorCount, true);
        checkTensorIndices(op, op.what() + " outputs", outputs, tensorCount, false);
        checkTensorIndices(op, op.what() + " intermediates", intermediates, tensorCount, false);
        if (op.getLong(OP_LARGE_CUSTOM_OPTIONS_OFFSET, 0) > 1) {
            throw new TfliteUnsupportedException(ctx.source() + ": " + op.what()
                    + " keeps its custom options outside the flatbuffer: models over 2 GB are not supported");
        }
        int tag = op.getUbyte(OP_OPTIONS_TYPE, 0);
        FlatTable optionsTable = tag == 0 ? null : op.table(OP_OPTIONS, "builtin_options");
        BuiltinOptions options = code.isCustom()
                ? new BuiltinOptions.None()
                : OptionsDecoder.decode(code.builtinCode(), tag, optionsTable, op);
        boolean[] mutating = op.bools(OP_MUTATING_VARIABLE_INPUTS, "mutating_variable_inputs");
        return new TfliteOperator(
                index,
                (int) opcodeIndex,
                inputs,
                outputs,
                intermediates,
                options,
                op.bytes(OP_CUSTOM_OPTIONS, "custom_options"),
                mutating == null ? new boolean[0] : mutating);
    }

    private void checkTensorIndices(
            FlatTable where, String what, int[] indices, int tensorCount, boolean allowOmitted) {
        for (int i : indices) {
            if (i >= tensorCount || i < (allowOmitted ? -1 : 0)) {
                throw ctx.error(
                        where.position(),
                        what + " refer to tensor " + i + " but the subgraph has " + tensorCount + " tensors");
            }
        }
    }

    private List<TfliteSignature> signatures(FlatTable model, List<TfliteSubgraph> subgraphs) {
        int n = model.tableCount(MODEL_SIGNATURE_DEFS, "signature_defs");
        List<TfliteSignature> out = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            FlatTable t = model.tableAt(MODEL_SIGNATURE_DEFS, s, "signature def " + s);
            long subgraph = t.getUint(SIGNATURE_SUBGRAPH, 0);
            if (subgraph >= subgraphs.size()) {
                throw ctx.error(
                        t.position(),
                        t.what() + " refers to subgraph " + subgraph + " but the model has " + subgraphs.size());
            }
            int tensorCount = subgraphs.get((int) subgraph).tensors().size();
            out.add(new TfliteSignature(
                    orEmpty(t.string(SIGNATURE_KEY, "signature_key")),
                    (int) subgraph,
                    tensorMap(t, SIGNATURE_INPUTS, "inputs", tensorCount),
                    tensorMap(t, SIGNATURE_OUTPUTS, "outputs", tensorCount)));
        }
        return out;
    }

    private Map<String, Integer> tensorMap(FlatTable signature, int id, String label, int tensorCount) {
        int n = signature.tableCount(id, label);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            FlatTable m = signature.tableAt(id, i, signature.what() + " " + label + " " + i);
            long index = m.getUint(TENSOR_MAP_INDEX, 0);
            if (index >= tensorCount) {
                throw ctx.error(
                        m.position(), m.what() + " refers to tensor " + index + " but the subgraph has " + tensorCount);
            }
            out.put(orEmpty(m.string(TENSOR_MAP_NAME, "name")), (int) index);
        }
        return out;
    }

    /**
     * Only the main subgraph runs; extra subgraphs are accepted when nothing in it calls them
     * (converters leave e.g. initialisation or alternative signatures there).
     */
    private void refuseUsedExtraSubgraphs(TfliteModel model) {
        if (model.subgraphs().size() < 2) {
            return;
        }
        for (TfliteOperator op : model.mainSubgraph().operators()) {
            if (op.options() instanceof BuiltinOptions.SubgraphCall call) {
                TreeSet<Integer> used = new TreeSet<>();
                for (int s : call.subgraphs()) {
                    used.add(s);
                }
                throw new TfliteUnsupportedException(
                        ctx.source() + ": the model has " + model.subgraphs().size()
                                + " subgraphs and operator " + op.index() + " ("
                                + model.operatorCode(op).name()
                                + ") of subgraph 0 runs subgraph(s) " + used
                                + ": control flow across subgraphs is not supported");
            }
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return sb.toString();
    }

    private static long[] toLongs(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static int[] orEmpty(int[] a) {
        return a == null ? new int[0] : a;
    }

    private static float[] orEmpty(float[] a) {
        return a == null ? new float[0] : a;
    }
}
