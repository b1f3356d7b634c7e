package dev.vela.runtime.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builders for ONNX protos (field numbers from onnx.proto) used by the runtime tests. */
public final class Onnx {

    /** ONNX element type codes. */
    public static final int FLOAT = 1;
    /** ONNX element type codes. */
    public static final int INT64 = 7;
    /** ONNX element type codes. */
    public static final int STRING = 8;
    /** ONNX element type codes. */
    public static final int FLOAT8E4M3FN = 17;

    private Onnx() {}

    /** @return a TensorProto with float raw_data */
    public static Proto floatTensor(String name, long[] dims, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return Proto.message().packed(1, dims).i64(2, FLOAT).str(8, name).bytes(9, b.array());
    }

    /** @return a ValueInfoProto of a tensor; a null entry in dims is written as dim_param "N" */
    public static Proto valueInfo(String name, int elemType, Object... dims) {
        Proto shape = Proto.message();
        for (Object d : dims) {
            Proto dim = d instanceof String s
                    ? Proto.message().str(2, s)
                    : Proto.message().i64(1, ((Number) d).longValue());
            shape.msg(1, dim);
        }
        Proto tensorType = Proto.message().i64(1, elemType).msg(2, shape);
        return Proto.message().str(1, name).msg(2, Proto.message().msg(1, tensorType));
    }

    /** @return a NodeProto */
    public static Proto node(String name, String op, String[] inputs, String[] outputs, Proto... attributes) {
        Proto n = Proto.message();
        for (String i : inputs) {
            n.str(1, i);
        }
        for (String o : outputs) {
            n.str(2, o);
        }
        if (name != null) {
            n.str(3, name);
        }
        n.str(4, op);
        for (Proto a : attributes) {
            n.msg(5, a);
        }
        return n;
    }

    /** @return an INT AttributeProto */
    public static Proto intAttr(String name, long value) {
        return Proto.message().str(1, name).i64(3, value).i64(20, 2);
    }

    /** @return a TENSOR AttributeProto */
    public static Proto tensorAttr(String name, Proto tensor) {
        return Proto.message().str(1, name).msg(5, tensor).i64(20, 4);
    }

    /** @return a ModelProto (IR 8, default-domain opset 17) around a graph */
    public static byte[] model(Proto graph) {
        return Proto.message()
                .i64(1, 8)
                .msg(8, Proto.message().str(1, "").i64(2, 17))
                .msg(7, graph)
                .toBytes();
    }

    /** @return a graph {@code y = Relu(x + b)} with x float[N,3], b an initializer [3] = {1,-2,3}, y float[N,3] */
    public static Proto addReluGraph() {
        return Proto.message()
                .msg(1, node("add", "Add", new String[] {"x", "b"}, new String[] {"s"}))
                .msg(1, node(null, "Relu", new String[] {"s"}, new String[] {"y"}))
                .str(2, "add_relu")
                .msg(5, floatTensor("b", new long[] {3}, 1f, -2f, 3f))
                .msg(11, valueInfo("x", FLOAT, "N", 3))
                .msg(12, valueInfo("y", FLOAT, "N", 3));
    }
}
