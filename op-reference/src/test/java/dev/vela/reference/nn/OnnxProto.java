package dev.vela.reference.nn;

import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a protobuf reader to load single-node ONNX backend test cases (ModelProto,
 * NodeProto, AttributeProto, TensorProto) for the suite test, so the reference kernels can be
 * checked against ONNX's expected outputs without the runtime's importer.
 */
final class OnnxProto {

    /** One decoded node with its model's default-domain opset. */
    record NodeDef(String opType, String name, List<String> inputs, List<String> outputs, Attributes attributes,
            int opset, List<Named> initializers, List<String> graphInputs) {
    }

    /** A named tensor. */
    record Named(String name, Tensor tensor) {
    }

    private final ByteBuffer buf;

    private OnnxProto(ByteBuffer buf) {
        this.buf = buf;
    }

    private static OnnxProto of(byte[] bytes) {
        return new OnnxProto(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
    }

    private boolean more() {
        return buf.hasRemaining();
    }

    private long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf.get();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("bad varint");
    }

    private byte[] bytes() {
        byte[] out = new byte[(int) varint()];
        buf.get(out);
        return out;
    }

    private void skip(int wire) {
        switch (wire) {
            case 0 -> varint();
            case 1 -> buf.position(buf.position() + 8);
            case 2 -> {
                int length = (int) varint();
                buf.position(buf.position() + length);
            }
            case 5 -> buf.position(buf.position() + 4);
            default -> throw new IllegalStateException("wire type " + wire);
        }
    }

    static NodeDef model(byte[] bytes) {
        OnnxProto p = of(bytes);
        byte[] graph = null;
        int opset = 1;
        while (p.more()) {
            long key = p.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 7 && wire == 2) {
                graph = p.bytes();
            } else if (field == 8 && wire == 2) {
                OnnxProto o = of(p.bytes());
                String domain = "";
                long version = 0;
                while (o.more()) {
                    long k = o.varint();
                    if ((k >>> 3) == 1) {
                        domain = new String(o.bytes());
                    } else if ((k >>> 3) == 2) {
                        version = o.varint();
                    } else {
                        o.skip((int) (k & 7));
                    }
                }
                if (domain.isEmpty() || domain.equals("ai.onnx")) {
                    opset = (int) version;
                }
            } else {
                p.skip(wire);
            }
        }
        return graph(graph, opset);
    }

    private static NodeDef graph(byte[] bytes, int opset) {
        OnnxProto p = of(bytes);
        byte[] node = null;
        List<Named> inits = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        while (p.more()) {
            long key = p.varint();
            int field = (int) (key >>> 3);
            if (field == 1) {
                if (node != null) {
                    throw new IllegalStateException("more than one node");
                }
                node = p.bytes();
            } else if (field == 5) {
                inits.add(tensor(p.bytes()));
            } else if (field == 11) {
                OnnxProto v = of(p.bytes());
                while (v.more()) {
                    long k = v.varint();
                    if ((k >>> 3) == 1) {
                        inputs.add(new String(v.bytes()));
                    } else {
                        v.skip((int) (k & 7));
                    }
                }
            } else {
                p.skip((int) (key & 7));
            }
        }
        return node(node, opset, inits, inputs);
    }

    private static NodeDef node(byte[] bytes, int opset, List<Named> inits, List<String> graphInputs) {
        OnnxProto p = of(bytes);
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String name = "";
        String op = "";
        Attributes.Builder attrs = Attributes.builder();
        while (p.more()) {
            long key = p.varint();
            switch ((int) (key >>> 3)) {
                case 1 -> in.add(new String(p.bytes()));
                case 2 -> out.add(new String(p.bytes()));
                case 3 -> name = new String(p.bytes());
                case 4 -> op = new String(p.bytes());
                case 5 -> attribute(p.bytes(), attrs);
                default -> p.skip((int) (key & 7));
            }
        }
        return new NodeDef(op, name, in, out, attrs.build(), opset, inits, graphInputs);
    }

    private static void attribute(byte[] bytes, Attributes.Builder attrs) {
        OnnxProto p = of(bytes);
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        byte[] s = null;
        Tensor t = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        while (p.more()) {
            long key = p.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> name = new String(p.bytes());
                case 20 -> type = (int) p.varint();
                case 2 -> f = p.buf.getFloat();
                case 3 -> i = p.varint();
                case 4 -> s = p.bytes();
                case 5 -> t = tensor(p.bytes()).tensor();
                case 7 -> {
                    if (wire == 2) {
                        OnnxProto q = of(p.bytes());
                        while (q.more()) {
                            floats.add(q.buf.getFloat());
                        }
                    } else {
                        floats.add(p.buf.getFloat());
                    }
                }
                case 8 -> {
                    if (wire == 2) {
                        OnnxProto q = of(p.bytes());
                        while (q.more()) {
                            ints.add(q.varint());
                        }
                    } else {
                        ints.add(p.varint());
                    }
                }
                case 9 -> strings.add(new String(p.bytes()));
                default -> p.skip(wire);
            }
        }
        switch (type) {
            case 1 -> attrs.put(name, f);
            case 2 -> attrs.put(name, i);
            case 3 -> attrs.put(name, new String(s));
            case 4 -> attrs.put(name, t);
            case 6 -> {
                float[] a = new float[floats.size()];
                for (int k = 0; k < a.length; k++) {
                    a[k] = floats.get(k);
                }
                attrs.put(name, a);
            }
            case 7 -> attrs.put(name, ints.stream().mapToLong(Long::longValue).toArray());
            case 8 -> attrs.put(name, strings);
            default -> throw new IllegalStateException("attribute type " + type + " of " + name);
        }
    }

    static Named tensor(byte[] bytes) {
        OnnxProto p = of(bytes);
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        byte[] raw = null;
        List<Number> values = new ArrayList<>();
        while (p.more()) {
            long key = p.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (field) {
                case 1 -> {
                    if (wire == 2) {
                        OnnxProto q = of(p.bytes());
                        while (q.more()) {
                            dims.add(q.varint());
                        }
                    } else {
                        dims.add(p.varint());
                    }
                }
                case 2 -> dataType = (int) p.varint();
                case 8 -> name = new String(p.bytes());
                case 9 -> raw = p.bytes();
                case 4 -> {
                    OnnxProto q = wire == 2 ? of(p.bytes()) : null;
                    if (q == null) {
                        values.add(p.buf.getFloat());
                    } else {
                        while (q.more()) {
                            values.add(q.buf.getFloat());
                        }
                    }
                }
                case 5, 7 -> {
                    OnnxProto q = wire == 2 ? of(p.bytes()) : null;
                    if (q == null) {
                        values.add(p.varint());
                    } else {
                        while (q.more()) {
                            values.add(q.varint());
                        }
                    }
                }
                case 10 -> {
                    OnnxProto q = wire == 2 ? of(p.bytes()) : null;
                    if (q == null) {
                        values.add(p.buf.getDouble());
                    } else {
                        while (q.more()) {
                            values.add(q.buf.getDouble());
                        }
                    }
                }
                default -> p.skip(wire);
            }
        }
        DataType type = switch (dataType) {
            case 1 -> DataType.FLOAT32;
            case 2 -> DataType.UINT8;
            case 3 -> DataType.INT8;
            case 4 -> DataType.UINT16;
            case 5 -> DataType.INT16;
            case 6 -> DataType.INT32;
            case 7 -> DataType.INT64;
            case 9 -> DataType.BOOL;
            case 10 -> DataType.FLOAT16;
            case 11 -> DataType.FLOAT64;
            default -> throw new IllegalStateException("tensor type " + dataType);
        };
        Shape shape = Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
        Tensor t = Tensor.allocate(TensorType.of(type, shape));
        if (raw != null) {
            t.bytes().put(raw);
        } else {
            for (int k = 0; k < values.size(); k++) {
                Number v = values.get(k);
                if (type.isFloatingPoint()) {
                    t.setDouble(k, v.doubleValue());
                } else {
                    t.setLong(k, v.longValue());
                }
            }
        }
        return new Named(name, t);
    }
}
