package dev.vela.runtime.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Structure-aware mutations of a TFLite model: the flatbuffer is walked after schema.fbs (field ids of Model,
 * OperatorCode, SubGraph, Tensor, QuantizationParameters, Operator and the window and Softmax options) to resolve the
 * byte offset of every scalar the specification constrains, and one of them is overwritten in place with a boundary or
 * hostile value, so the file stays a well-formed flatbuffer. The families: tensor shapes, quantization scales, zero
 * points and axes, tensor element types, builtin codes (int and deprecated byte), buffer, operator-code and tensor
 * indices, subgraph inputs and outputs, window options (strides, filter sizes, dilations, padding) and Softmax beta.
 */
final class TfliteMutator {

    /** One patchable scalar: its offset, width and kind, and what it belongs to. */
    private record Site(String kind, int offset, char width, String what) {}

    private static final long[] DIMS = {-1, 0, 1, 2, 3, 7, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final float[] FLOATS = {
        0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1f, 1e-30f, 1e30f
    };
    private static final long[] ZERO_POINTS = {300, -129, 127, -128, 0, 255, 1L << 40, Long.MIN_VALUE};
    private static final long[] WINDOW = {0, -1, 1, 2, 3, 7, 65536, Integer.MAX_VALUE};

    private final ByteBuffer bb;
    private final Map<String, List<Site>> sites = new LinkedHashMap<>();
    private int tensorCount;
    private int bufferCount;
    private int codeCount;

    private TfliteMutator(byte[] model) {
        this.bb = ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the model with one mutation chosen by {@code random}, or null when it has no site for it */
    static Mutation mutate(byte[] model, Random random) {
        TfliteMutator m = new TfliteMutator(model);
        m.collect();
        List<String> kinds = new ArrayList<>(m.sites.keySet());
        if (kinds.isEmpty()) {
            return null;
        }
        String kind = kinds.get(random.nextInt(kinds.size()));
        List<Site> of = m.sites.get(kind);
        Site site = of.get(random.nextInt(of.size()));
        byte[] copy = model.clone();
        ByteBuffer out = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        String value = m.write(out, site, random);
        return new Mutation(kind, site.what() + " -> " + value, copy);
    }

    private String write(ByteBuffer out, Site s, Random random) {
        long v;
        switch (s.kind()) {
            case "quantization-scale", "softmax-beta" -> {
                float f = FLOATS[random.nextInt(FLOATS.length)];
                out.putFloat(s.offset(), f);
                return Float.toString(f);
            }
            case "zero-point" -> v = ZERO_POINTS[random.nextInt(ZERO_POINTS.length)];
            case "shape" -> v = DIMS[random.nextInt(DIMS.length)];
            case "window-option" -> v = WINDOW[random.nextInt(WINDOW.length)];
            case "builtin-code" ->
                v = new long[] {-1, 0, 127, 128, 9999, Integer.MAX_VALUE, random.nextInt(206)}[random.nextInt(7)];
            case "deprecated-builtin-code" -> v = new long[] {-1, -128, 0, 127, random.nextInt(127)}[random.nextInt(5)];
            case "tensor-type" -> v = new long[] {-1, 127, random.nextInt(21)}[random.nextInt(3)];
            case "padding" -> v = new long[] {0, 1, 2, 7, -1}[random.nextInt(5)];
            case "buffer-index" ->
                v = new long[] {
                            0,
                            bufferCount,
                            bufferCount + 1L,
                            Integer.MAX_VALUE,
                            -1,
                            random.nextInt(Math.max(1, bufferCount))
                        }
                        [random.nextInt(6)];
            case "opcode-index" ->
                v = new long[] {codeCount, Integer.MAX_VALUE, -1, random.nextInt(Math.max(1, codeCount))}
                        [random.nextInt(4)];
            case "quantized-dimension" -> v = new long[] {-1, 0, 1, 3, 9, Integer.MAX_VALUE}[random.nextInt(6)];
            default ->
                v = new long[] {-1, -2, tensorCount, Integer.MAX_VALUE, random.nextInt(Math.max(1, tensorCount))}
                        [random.nextInt(5)]; // tensor indices
        }
        switch (s.width()) {
            case 'b' -> out.put(s.offset(), (byte) v);
            case 'l' -> out.putLong(s.offset(), v);
            default -> out.putInt(s.offset(), (int) v);
        }
        return Long.toString(s.width() == 'b' ? (byte) v : s.width() == 'l' ? v : (int) v);
    }

    private void add(String kind, int offset, char width, String what) {
        sites.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Site(kind, offset, width, what));
    }

    /** Absolute position of a table field's value, or -1 when the field is absent. */
    private int field(int table, int id) {
        int vt = table - bb.getInt(table);
        int vtSize = bb.getShort(vt) & 0xFFFF;
        if (4 + 2 * id + 2 > vtSize) {
            return -1;
        }
        int off = bb.getShort(vt + 4 + 2 * id) & 0xFFFF;
        return off == 0 ? -1 : table + off;
    }

    /** Start of a vector's elements and its length, or null when absent. */
    private int[] vector(int table, int id) {
        int p = field(table, id);
        if (p < 0) {
            return null;
        }
        int v = p + bb.getInt(p);
        return new int[] {v + 4, bb.getInt(v)};
    }

    private int tableAt(int[] vector, int i) {
        int slot = vector[0] + 4 * i;
        return slot + bb.getInt(slot);
    }

    private int subTable(int table, int id) {
        int p = field(table, id);
        return p < 0 ? -1 : p + bb.getInt(p);
    }

    private void scalars(String kind, int table, int id, char width, String what) {
        int p = field(table, id);
        if (p >= 0) {
            add(kind, p, width, what);
        }
    }

    private void elements(String kind, int table, int id, int size, String what) {
        int[] v = vector(table, id);
        if (v == null) {
            return;
        }
        for (int i = 0; i < v[1]; i++) {
            add(kind, v[0] + size * i, size == 8 ? 'l' : 'i', what + "[" + i + "]");
        }
    }

    private void collect() {
        int model = bb.getInt(0);
        int[] codes = vector(model, 1);
        int[] buffers = vector(model, 4);
        bufferCount = buffers == null ? 0 : buffers[1];
        codeCount = codes == null ? 0 : codes[1];
        int[] builtinOf = new int[codeCount];
        for (int c = 0; c < codeCount; c++) {
            int code = tableAt(codes, c);
            int byteField = field(code, 0);
            int intField = field(code, 3);
            builtinOf[c] = Math.max(intField < 0 ? 0 : bb.getInt(intField), byteField < 0 ? 0 : bb.get(byteField));
            scalars("builtin-code", code, 3, 'i', "operator code " + c + " builtin_code");
            scalars("deprecated-builtin-code", code, 0, 'b', "operator code " + c + " deprecated_builtin_code");
        }
        int[] subgraphs = vector(model, 2);
        if (subgraphs == null || subgraphs[1] == 0) {
            return;
        }
        int sg = tableAt(subgraphs, 0);
        int[] tensors = vector(sg, 0);
        tensorCount = tensors == null ? 0 : tensors[1];
        for (int t = 0; t < tensorCount; t++) {
            int tensor = tableAt(tensors, t);
            String what = "tensor " + t;
            elements("shape", tensor, 0, 4, what + " shape");
            scalars("tensor-type", tensor, 1, 'b', what + " type");
            scalars("buffer-index", tensor, 2, 'i', what + " buffer");
            int q = subTable(tensor, 4);
            if (q >= 0) {
                elements("quantization-scale", q, 2, 4, what + " scale");
                elements("zero-point", q, 3, 8, what + " zero_point");
                scalars("quantized-dimension", q, 6, 'i', what + " quantized_dimension");
            }
        }
        elements("subgraph-io", sg, 1, 4, "subgraph inputs");
        elements("subgraph-io", sg, 2, 4, "subgraph outputs");
        int[] ops = vector(sg, 3);
        for (int o = 0; ops != null && o < ops[1]; o++) {
            int op = tableAt(ops, o);
            String what = "operator " + o;
            scalars("opcode-index", op, 0, 'i', what + " opcode_index");
            elements("operator-io", op, 1, 4, what + " inputs");
            elements("operator-io", op, 2, 4, what + " outputs");
            int codeField = field(op, 0);
            int codeIndex = codeField < 0 ? 0 : bb.getInt(codeField);
            int builtin = codeIndex >= 0 && codeIndex < codeCount ? builtinOf[codeIndex] : -1;
            int options = subTable(op, 4);
            if (options < 0) {
                continue;
            }
            switch (builtin) {
                case 3, 4, 1, 17 -> { // CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, MAX_POOL_2D
                    scalars("padding", options, 0, 'b', what + " padding");
                    int[] ints = builtin == 3
                            ? new int[] {1, 2, 4, 5}
                            : builtin == 4 ? new int[] {1, 2, 3, 5, 6} : new int[] {1, 2, 3, 4};
                    for (int id : ints) {
                        scalars("window-option", options, id, 'i', what + " options field " + id);
                    }
                }
                case 25 -> scalars("softmax-beta", options, 0, 'i', what + " beta"); // SOFTMAX
                default -> {}
            }
        }
    }
}
