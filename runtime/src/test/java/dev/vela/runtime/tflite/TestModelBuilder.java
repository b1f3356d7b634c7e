package dev.vela.runtime.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small TFLite models for tests with {@link FlatBufferBuilder}, field by field after the
 * schema (field ids as in schema.fbs). Buffer 0 is the empty sentinel.
 */
final class TestModelBuilder {

    /** Writes an options table and returns its offset. */
    interface TableWriter {
        int write(FlatBufferBuilder fb);
    }

    record Quant(float[] scale, long[] zeroPoint, int dimension) {}

    private record BufferSpec(byte[] data, long offset, long size) {}

    private record TensorSpec(
            String name, int type, int[] shape, int buffer, Quant quant, boolean variable, int[] shapeSignature) {}

    private record CodeSpec(Integer deprecated, Integer builtin, String custom, Integer version) {}

    private record OpSpec(
            int opcode,
            int[] inputs,
            int[] outputs,
            int optionsType,
            TableWriter options,
            int[] intermediates,
            byte[] customOptions) {}

    final class Subgraph {
        private final List<TensorSpec> tensors = new ArrayList<>();
        private final List<OpSpec> ops = new ArrayList<>();
        private int[] inputs = new int[0];
        private int[] outputs = new int[0];

        int tensor(String name, TfliteTensorType type, int... shape) {
            return tensor(name, type, shape, 0, null);
        }

        int tensor(String name, TfliteTensorType type, int[] shape, int buffer, Quant quant) {
            tensors.add(new TensorSpec(name, type.code(), shape, buffer, quant, false, null));
            return tensors.size() - 1;
        }

        int rawTensor(
                String name,
                int typeCode,
                int[] shape,
                int buffer,
                Quant quant,
                boolean variable,
                int[] shapeSignature) {
            tensors.add(new TensorSpec(name, typeCode, shape, buffer, quant, variable, shapeSignature));
            return tensors.size() - 1;
        }

        Subgraph op(int opcode, int[] inputs, int[] outputs) {
            return op(opcode, inputs, outputs, 0, null, null);
        }

        Subgraph op(int opcode, int[] inputs, int[] outputs, int optionsType, TableWriter options) {
            return op(opcode, inputs, outputs, optionsType, options, null);
        }

        Subgraph op(
                int opcode, int[] inputs, int[] outputs, int optionsType, TableWriter options, int[] intermediates) {
            ops.add(new OpSpec(opcode, inputs, outputs, optionsType, options, intermediates, null));
            return this;
        }

        /** A custom operator with its raw custom_options bytes. */
        Subgraph customOp(int opcode, int[] inputs, int[] outputs, byte[] customOptions) {
            ops.add(new OpSpec(opcode, inputs, outputs, 0, null, null, customOptions));
            return this;
        }

        Subgraph io(int[] in, int[] out) {
            this.inputs = in;
            this.outputs = out;
            return this;
        }
    }

    private final List<BufferSpec> buffers = new ArrayList<>(List.of(new BufferSpec(null, 0, 0)));
    private final List<CodeSpec> codes = new ArrayList<>();
    private final List<Subgraph> subgraphs = new ArrayList<>();
    private final List<Object[]> signatures = new ArrayList<>();
    private String description = "test model";
    private int version = 3;

    Subgraph subgraph() {
        Subgraph s = new Subgraph();
        subgraphs.add(s);
        return s;
    }

    TestModelBuilder version(int v) {
        this.version = v;
        return this;
    }

    TestModelBuilder description(String d) {
        this.description = d;
        return this;
    }

    int buffer(byte[] data) {
        buffers.add(new BufferSpec(data, 0, 0));
        return buffers.size() - 1;
    }

    int externalBuffer(long offset, long size) {
        buffers.add(new BufferSpec(null, offset, size));
        return buffers.size() - 1;
    }

    /** A builtin the modern way: the int field, the byte field clamped to the placeholder (127). */
    int builtin(int code, int version) {
        return code(Math.min(code, BuiltinOperators.PLACEHOLDER_FOR_GREATER_OP_CODES), code, null, version);
    }

    int custom(String name) {
        return code(BuiltinOperators.CUSTOM, BuiltinOperators.CUSTOM, name, 1);
    }

    /** Any combination of the code fields; null leaves a field out. */
    int code(Integer deprecated, Integer builtin, String custom, Integer version) {
        codes.add(new CodeSpec(deprecated, builtin, custom, version));
        return codes.size() - 1;
    }

    void signature(String key, int subgraph, String inputName, int inputTensor, String outputName, int outputTensor) {
        signatures.add(new Object[] {key, subgraph, inputName, inputTensor, outputName, outputTensor});
    }

    byte[] build() {
        FlatBufferBuilder fb = new FlatBufferBuilder(1024);
        int[] bufferOffsets = new int[buffers.size()];
        for (int i = 0; i < buffers.size(); i++) {
            BufferSpec b = buffers.get(i);
            int data = b.data() == null ? 0 : fb.createByteVector(b.data());
            fb.startTable(3);
            if (data != 0) {
                fb.addOffset(0, data, 0);
            }
            fb.addLong(1, b.offset(), 0);
            fb.addLong(2, b.size(), 0);
            bufferOffsets[i] = fb.endTable();
        }
        int[] codeOffsets = new int[codes.size()];
        for (int i = 0; i < codes.size(); i++) {
            CodeSpec c = codes.get(i);
            int custom = c.custom() == null ? 0 : fb.createString(c.custom());
            fb.startTable(4);
            if (c.deprecated() != null) {
                fb.addByte(0, c.deprecated().byteValue(), 0);
            }
            if (custom != 0) {
                fb.addOffset(1, custom, 0);
            }
            if (c.version() != null) {
                fb.addInt(2, c.version(), 1);
            }
            if (c.builtin() != null) {
                fb.addInt(3, c.builtin(), 0);
            }
            codeOffsets[i] = fb.endTable();
        }
        int[] subgraphOffsets = new int[subgraphs.size()];
        for (int s = 0; s < subgraphs.size(); s++) {
            subgraphOffsets[s] = writeSubgraph(fb, subgraphs.get(s), s);
        }
        int[] signatureOffsets = new int[signatures.size()];
        for (int i = 0; i < signatures.size(); i++) {
            Object[] sig = signatures.get(i);
            int in = tensorMap(fb, (String) sig[2], (Integer) sig[3]);
            int out = tensorMap(fb, (String) sig[4], (Integer) sig[5]);
            int ins = fb.createVectorOfTables(new int[] {in});
            int outs = fb.createVectorOfTables(new int[] {out});
            int key = fb.createString((String) sig[0]);
            fb.startTable(5);
            fb.addOffset(0, ins, 0);
            fb.addOffset(1, outs, 0);
            fb.addOffset(2, key, 0);
            fb.addInt(4, (Integer) sig[1], 0);
            signatureOffsets[i] = fb.endTable();
        }
        int codesVec = fb.createVectorOfTables(codeOffsets);
        int subgraphsVec = fb.createVectorOfTables(subgraphOffsets);
        int buffersVec = fb.createVectorOfTables(bufferOffsets);
        int signaturesVec = signatures.isEmpty() ? 0 : fb.createVectorOfTables(signatureOffsets);
        int desc = fb.createString(description);
        fb.startTable(8);
        fb.addInt(0, version, 0);
        fb.addOffset(1, codesVec, 0);
        fb.addOffset(2, subgraphsVec, 0);
        fb.addOffset(3, desc, 0);
        fb.addOffset(4, buffersVec, 0);
        if (signaturesVec != 0) {
            fb.addOffset(7, signaturesVec, 0);
        }
        int model = fb.endTable();
        fb.finish(model, "TFL3");
        return fb.sizedByteArray();
    }

    private static int tensorMap(FlatBufferBuilder fb, String name, int tensor) {
        int n = fb.createString(name);
        fb.startTable(2);
        fb.addOffset(0, n, 0);
        fb.addInt(1, tensor, 0);
        return fb.endTable();
    }

    private static int writeSubgraph(FlatBufferBuilder fb, Subgraph s, int index) {
        int[] tensorOffsets = new int[s.tensors.size()];
        for (int i = 0; i < tensorOffsets.length; i++) {
            TensorSpec t = s.tensors.get(i);
            int shape = ints(fb, t.shape());
            int signature = t.shapeSignature() == null ? 0 : ints(fb, t.shapeSignature());
            int name = fb.createString(t.name());
            int quant = 0;
            if (t.quant() != null) {
                fb.startVector(4, t.quant().scale().length, 4);
                for (int k = t.quant().scale().length - 1; k >= 0; k--) {
                    fb.addFloat(t.quant().scale()[k]);
                }
                int scale = fb.endVector();
                fb.startVector(8, t.quant().zeroPoint().length, 8);
                for (int k = t.quant().zeroPoint().length - 1; k >= 0; k--) {
                    fb.addLong(t.quant().zeroPoint()[k]);
                }
                int zp = fb.endVector();
                fb.startTable(7);
                fb.addOffset(2, scale, 0);
                fb.addOffset(3, zp, 0);
                fb.addInt(6, t.quant().dimension(), 0);
                quant = fb.endTable();
            }
            fb.startTable(10);
            fb.addOffset(0, shape, 0);
            fb.addByte(1, (byte) t.type(), 0);
            fb.addInt(2, t.buffer(), 0);
            fb.addOffset(3, name, 0);
            if (quant != 0) {
                fb.addOffset(4, quant, 0);
            }
            fb.addBoolean(5, t.variable(), false);
            if (signature != 0) {
                fb.addOffset(7, signature, 0);
            }
            tensorOffsets[i] = fb.endTable();
        }
        int[] opOffsets = new int[s.ops.size()];
        for (int i = 0; i < opOffsets.length; i++) {
            OpSpec op = s.ops.get(i);
            int options = op.options() == null ? 0 : op.options().write(fb);
            int in = ints(fb, op.inputs());
            int out = ints(fb, op.outputs());
            int inter = op.intermediates() == null ? 0 : ints(fb, op.intermediates());
            int custom = op.customOptions() == null ? 0 : fb.createByteVector(op.customOptions());
            fb.startTable(13);
            fb.addInt(0, op.opcode(), 0);
            fb.addOffset(1, in, 0);
            fb.addOffset(2, out, 0);
            fb.addByte(3, (byte) op.optionsType(), 0);
            if (options != 0) {
                fb.addOffset(4, options, 0);
            }
            if (inter != 0) {
                fb.addOffset(8, inter, 0);
            }
            if (custom != 0) {
                fb.addOffset(5, custom, 0);
            }
            opOffsets[i] = fb.endTable();
        }
        int tensors = fb.createVectorOfTables(tensorOffsets);
        int inputs = ints(fb, s.inputs);
        int outputs = ints(fb, s.outputs);
        int ops = fb.createVectorOfTables(opOffsets);
        int name = fb.createString("subgraph" + index);
        fb.startTable(5);
        fb.addOffset(0, tensors, 0);
        fb.addOffset(1, inputs, 0);
        fb.addOffset(2, outputs, 0);
        fb.addOffset(3, ops, 0);
        fb.addOffset(4, name, 0);
        return fb.endTable();
    }

    static int ints(FlatBufferBuilder fb, int[] values) {
        fb.startVector(4, values.length, 4);
        for (int k = values.length - 1; k >= 0; k--) {
            fb.addInt(values[k]);
        }
        return fb.endVector();
    }

    static byte[] int8(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] int32(int... values) {
        java.nio.ByteBuffer bb =
                java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            bb.putInt(v);
        }
        return bb.array();
    }

    static byte[] float32(float... values) {
        java.nio.ByteBuffer bb =
                java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bb.putFloat(v);
        }
        return bb.array();
    }
}
