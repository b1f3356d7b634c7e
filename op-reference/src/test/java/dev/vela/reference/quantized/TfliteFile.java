package dev.vela.reference.quantized;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal read-only view of a TFLite flatbuffer (schema.fbs: Model, SubGraph, Tensor,
 * QuantizationParameters, Operator, OperatorCode, Buffer), enough to run single-operator golden
 * models through the quantized kernels in tests. Not an importer.
 */
final class TfliteFile {

    /** A flatbuffer table at an absolute position. */
    record Table(ByteBuffer buf, int pos) {
        private int field(int index) {
            int vtable = pos - buf.getInt(pos);
            int vsize = buf.getShort(vtable) & 0xffff;
            int entry = 4 + 2 * index;
            return entry < vsize ? buf.getShort(vtable + entry) & 0xffff : 0;
        }

        boolean has(int index) {
            return field(index) != 0;
        }

        int intField(int index, int def) {
            int o = field(index);
            return o == 0 ? def : buf.getInt(pos + o);
        }

        int byteField(int index, int def) {
            int o = field(index);
            return o == 0 ? def : buf.get(pos + o);
        }

        float floatField(int index, float def) {
            int o = field(index);
            return o == 0 ? def : buf.getFloat(pos + o);
        }

        private int indirect(int index) {
            int o = field(index);
            if (o == 0) {
                return -1;
            }
            int at = pos + o;
            return at + buf.getInt(at);
        }

        Table table(int index) {
            int t = indirect(index);
            return t < 0 ? null : new Table(buf, t);
        }

        int vectorLength(int index) {
            int v = indirect(index);
            return v < 0 ? 0 : buf.getInt(v);
        }

        private int vectorStart(int index) {
            return indirect(index) + 4;
        }

        Table tableAt(int index, int i) {
            int at = vectorStart(index) + 4 * i;
            return new Table(buf, at + buf.getInt(at));
        }

        int[] ints(int index) {
            int n = vectorLength(index);
            int[] out = new int[n];
            int s = vectorStart(index);
            for (int i = 0; i < n; i++) {
                out[i] = buf.getInt(s + 4 * i);
            }
            return out;
        }

        long[] longs(int index) {
            int n = vectorLength(index);
            long[] out = new long[n];
            int s = vectorStart(index);
            for (int i = 0; i < n; i++) {
                out[i] = buf.getLong(s + 8 * i);
            }
            return out;
        }

        float[] floats(int index) {
            int n = vectorLength(index);
            float[] out = new float[n];
            int s = vectorStart(index);
            for (int i = 0; i < n; i++) {
                out[i] = buf.getFloat(s + 4 * i);
            }
            return out;
        }

        ByteBuffer bytes(int index) {
            int n = vectorLength(index);
            if (n == 0) {
                return null;
            }
            ByteBuffer b = buf.duplicate();
            b.position(vectorStart(index));
            b.limit(vectorStart(index) + n);
            return b.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** One tensor of subgraph 0. */
    record TensorInfo(String name, int type, int[] shape, float[] scales, long[] zeroPoints, int axis, ByteBuffer data) {
    }

    /** One operator of subgraph 0. */
    record OperatorInfo(int builtinCode, int[] inputs, int[] outputs, Table options) {
    }

    final List<TensorInfo> tensors = new ArrayList<>();
    final List<OperatorInfo> operators = new ArrayList<>();
    int[] inputs;
    int[] outputs;

    TfliteFile(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Table model = new Table(buf, buf.getInt(0));
        Table subgraph = model.tableAt(2, 0);
        int nBuffers = model.vectorLength(4);
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < nBuffers; i++) {
            buffers.add(model.tableAt(4, i).bytes(0));
        }
        for (int i = 0; i < subgraph.vectorLength(0); i++) {
            Table t = subgraph.tableAt(0, i);
            Table q = t.table(4);
            float[] scales = q == null ? new float[0] : q.floats(2);
            long[] zps = q == null ? new long[0] : q.longs(3);
            int axis = q == null ? 0 : q.intField(6, 0);
            int buffer = t.intField(2, 0);
            tensors.add(new TensorInfo("t" + i, t.byteField(1, 0), t.ints(0), scales, zps, axis,
                    buffer < buffers.size() ? buffers.get(buffer) : null));
        }
        inputs = subgraph.ints(1);
        outputs = subgraph.ints(2);
        for (int i = 0; i < subgraph.vectorLength(3); i++) {
            Table op = subgraph.tableAt(3, i);
            Table code = model.tableAt(1, op.intField(0, 0));
            int builtin = Math.max(code.byteField(0, 0), code.intField(3, 0));
            operators.add(new OperatorInfo(builtin, op.ints(1), op.ints(2), op.table(4)));
        }
    }
}
