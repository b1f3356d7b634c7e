package dev.vela.runtime.fuzz;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Structure-aware mutations of an ONNX model: the file is decoded field by field (numbers from onnx.proto), one
 * place the specification constrains is changed to a boundary or hostile value, and the model is re-encoded. The
 * families: declared dimensions of inputs, outputs and intermediate values; integer and float attributes (pads,
 * strides, kernel shapes, axes, beta, ...); initializer dimensions, element types and data sizes; opset and IR
 * versions; duplicate and dangling names; removed graph outputs and nodes.
 */
final class OnnxMutator {

    static final String[] KINDS = {
        "input-dim",
        "output-dim",
        "value-info-dim",
        "attribute-int",
        "attribute-float",
        "initializer-dim",
        "initializer-data",
        "initializer-type",
        "opset",
        "ir-version",
        "duplicate-initializer",
        "duplicate-value-name",
        "no-outputs",
        "dangling-output",
        "drop-node"
    };

    private static final long[] DIMS = {
        -1, -7, 0, 1, 2, 3, 7, 65536, Integer.MAX_VALUE, 1L << 31, 1L << 40, Long.MAX_VALUE
    };
    private static final long[] INTS = {
        -1, -2, 0, 1, 2, 3, 5, 64, 65535, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 32, Long.MIN_VALUE
    };
    private static final float[] FLOATS = {
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -1f, 1e-30f, 1e30f, 0.5f
    };
    private static final long[] VERSIONS = {0, -1, 1, 6, 13, 28, 29, 99999};

    private OnnxMutator() {}

    /** @return the model with one mutation, chosen by {@code random}; null when the model has no site for it */
    static Mutation mutate(byte[] model, Random random) {
        String kind = KINDS[random.nextInt(KINDS.length)];
        ProtoMessage m = ProtoMessage.parse(model);
        List<ProtoMessage> graphs = m.messages(7);
        if (graphs.isEmpty()) {
            return null;
        }
        ProtoMessage g = graphs.get(0);
        String detail = switch (kind) {
            case "input-dim" -> dim(g.messages(11), random);
            case "output-dim" -> dim(g.messages(12), random);
            case "value-info-dim" -> dim(g.messages(13), random);
            case "attribute-int" -> attributeInt(g, random);
            case "attribute-float" -> attributeFloat(g, random);
            case "initializer-dim" -> initializerDim(g, random);
            case "initializer-data" -> initializerData(g, random);
            case "initializer-type" -> initializerType(g, random);
            case "opset" -> opset(m, random);
            case "ir-version" -> {
                long v = VERSIONS[random.nextInt(VERSIONS.length)];
                m.setVarint(1, v);
                yield "ir_version " + v;
            }
            case "duplicate-initializer" -> duplicateInitializer(g, random);
            case "duplicate-value-name" -> duplicateValueName(g, random);
            case "no-outputs" -> {
                g.fields.removeIf(f -> f.number == 12);
                yield "all graph outputs removed";
            }
            case "dangling-output" -> danglingOutput(g, random);
            case "drop-node" -> dropNode(g, random);
            default -> throw new IllegalStateException(kind);
        };
        return detail == null ? null : new Mutation(kind, detail, m.toBytes());
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.isEmpty() ? null : list.get(random.nextInt(list.size()));
    }

    private static String dim(List<ProtoMessage> values, Random random) {
        ProtoMessage v = pick(values, random);
        if (v == null) {
            return null;
        }
        List<ProtoMessage> dims = new ArrayList<>();
        for (ProtoMessage type : v.messages(2)) {
            for (ProtoMessage tensor : type.messages(1)) {
                for (ProtoMessage shape : tensor.messages(2)) {
                    dims.addAll(shape.messages(1));
                }
            }
        }
        ProtoMessage d = pick(dims, random);
        if (d == null) {
            return null;
        }
        long value = DIMS[random.nextInt(DIMS.length)];
        d.fields.removeIf(f -> f.number == 2); // a dim_param becomes a fixed size
        d.setVarint(1, value);
        return "value '" + v.string(1) + "' dimension -> " + value;
    }

    private static List<ProtoMessage> attributes(ProtoMessage g) {
        List<ProtoMessage> out = new ArrayList<>();
        for (ProtoMessage node : g.messages(1)) {
            out.addAll(node.messages(5));
        }
        return out;
    }

    private static String attributeInt(ProtoMessage g, Random random) {
        List<ProtoMessage> candidates = new ArrayList<>();
        for (ProtoMessage a : attributes(g)) {
            if (!a.all(3).isEmpty() || !a.all(8).isEmpty()) {
                candidates.add(a);
            }
        }
        ProtoMessage a = pick(candidates, random);
        if (a == null) {
            return null;
        }
        long value = INTS[random.nextInt(INTS.length)];
        if (!a.all(3).isEmpty()) {
            a.setVarint(3, value);
            return "attribute '" + a.string(1) + "' -> " + value;
        }
        List<Long> ints = longs(a, 8);
        if (ints.isEmpty()) {
            return null;
        }
        int at = random.nextInt(ints.size());
        ints.set(at, value);
        setLongs(a, 8, ints);
        return "attribute '" + a.string(1) + "'[" + at + "] -> " + value;
    }

    private static String attributeFloat(ProtoMessage g, Random random) {
        List<ProtoMessage> candidates = new ArrayList<>();
        for (ProtoMessage a : attributes(g)) {
            if (!a.all(2).isEmpty()) {
                candidates.add(a);
            }
        }
        ProtoMessage a = pick(candidates, random);
        if (a == null) {
            return null;
        }
        float value = FLOATS[random.nextInt(FLOATS.length)];
        a.all(2).get(0).value = Float.floatToRawIntBits(value) & 0xFFFF_FFFFL;
        return "attribute '" + a.string(1) + "' -> " + value;
    }

    private static String initializerDim(ProtoMessage g, Random random) {
        ProtoMessage t = pick(g.messages(5), random);
        if (t == null) {
            return null;
        }
        List<Long> dims = longs(t, 1);
        long value = DIMS[random.nextInt(DIMS.length)];
        if (dims.isEmpty() || random.nextInt(4) == 0) {
            dims.add(value);
        } else {
            dims.set(random.nextInt(dims.size()), value);
        }
        setLongs(t, 1, dims);
        return "initializer '" + t.string(8) + "' dims -> " + dims;
    }

    private static String initializerData(ProtoMessage g, Random random) {
        ProtoMessage t = pick(g.messages(5), random);
        if (t == null || t.all(9).isEmpty()) {
            return null;
        }
        ProtoMessage.Field raw = t.all(9).get(0);
        int keep = raw.bytes.length == 0 ? 0 : random.nextInt(raw.bytes.length);
        raw.bytes = java.util.Arrays.copyOf(raw.bytes, random.nextBoolean() ? keep : raw.bytes.length + 1 + keep);
        return "initializer '" + t.string(8) + "' raw_data -> " + raw.bytes.length + " bytes";
    }

    private static String initializerType(ProtoMessage g, Random random) {
        ProtoMessage t = pick(g.messages(5), random);
        if (t == null) {
            return null;
        }
        long type = new long[] {0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 16, 17, 23, 99, -1}[random.nextInt(15)];
        t.setVarint(2, type);
        return "initializer '" + t.string(8) + "' data_type -> " + type;
    }

    private static String opset(ProtoMessage m, Random random) {
        ProtoMessage o = pick(m.messages(8), random);
        if (o == null) {
            return null;
        }
        long v = VERSIONS[random.nextInt(VERSIONS.length)];
        o.setVarint(2, v);
        return "opset of domain '" + o.string(1) + "' -> " + v;
    }

    private static String duplicateInitializer(ProtoMessage g, Random random) {
        List<ProtoMessage.Field> inits = g.all(5);
        if (inits.isEmpty()) {
            return null;
        }
        ProtoMessage.Field copy = inits.get(random.nextInt(inits.size())).copy();
        g.fields.add(copy);
        return "initializer '" + ProtoMessage.nested(copy).string(8) + "' duplicated";
    }

    /** Renames a node output to the name of another value (an input, initializer or other node output). */
    private static String duplicateValueName(ProtoMessage g, Random random) {
        List<String> names = new ArrayList<>();
        for (ProtoMessage v : g.messages(11)) {
            names.add(v.string(1));
        }
        for (ProtoMessage t : g.messages(5)) {
            names.add(t.string(8));
        }
        List<ProtoMessage> nodes = g.messages(1);
        for (ProtoMessage n : nodes) {
            names.add(n.string(2));
        }
        ProtoMessage node = pick(nodes, random);
        String name = pick(names, random);
        if (node == null || name == null || node.all(2).isEmpty()) {
            return null;
        }
        String old = node.string(2);
        node.setString(2, name);
        return "node '" + node.string(3) + "' output '" + old + "' renamed '" + name + "'";
    }

    private static String danglingOutput(ProtoMessage g, Random random) {
        ProtoMessage out = pick(g.messages(12), random);
        if (out == null) {
            return null;
        }
        String old = out.string(1);
        out.setString(1, random.nextBoolean() ? "" : old + "_missing");
        return "graph output '" + old + "' renamed '" + out.string(1) + "'";
    }

    private static String dropNode(ProtoMessage g, Random random) {
        List<ProtoMessage.Field> nodes = g.all(1);
        if (nodes.isEmpty()) {
            return null;
        }
        ProtoMessage.Field drop = nodes.get(random.nextInt(nodes.size()));
        g.fields.remove(drop);
        return "node '" + ProtoMessage.nested(drop).string(3) + "' removed";
    }

    /** The values of a repeated int64 field, packed or not. */
    private static List<Long> longs(ProtoMessage m, int number) {
        List<Long> out = new ArrayList<>();
        for (ProtoMessage.Field f : m.all(number)) {
            if (f.wire == WireFormat.WIRETYPE_VARINT) {
                out.add(f.value);
            } else if (f.wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                CodedInputStream in = CodedInputStream.newInstance(f.bytes);
                try {
                    while (!in.isAtEnd()) {
                        out.add(in.readInt64());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    /** Replaces a repeated int64 field by one packed occurrence at the position of the first. */
    private static void setLongs(ProtoMessage m, int number, List<Long> values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (long v : values) {
                out.writeInt64NoTag(v);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProtoMessage.Field packed = new ProtoMessage.Field(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        packed.bytes = bytes.toByteArray();
        int at = m.fields.indexOf(m.all(number).isEmpty() ? null : m.all(number).get(0));
        m.fields.removeIf(f -> f.number == number);
        m.fields.add(at < 0 ? m.fields.size() : Math.min(at, m.fields.size()), packed);
    }
}
