package dev.vela.reference.tensor;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;

/** Builds test tensors of any type from longs and runs nodes whose inputs are all given. */
final class TestTensors {

    private TestTensors() {}

    /** A tensor of {@code type} holding 0, 1, 2, ... (as that type). */
    static Tensor iota(DataType type, int... dims) {
        Tensor t = Tensor.allocate(TensorType.of(type, dims));
        for (int i = 0; i < t.elementCount(); i++) {
            set(t, i, i);
        }
        return t;
    }

    /** A tensor of {@code type} holding the values. */
    static Tensor of(DataType type, int[] dims, long... values) {
        Tensor t = Tensor.allocate(TensorType.of(type, dims));
        for (int i = 0; i < values.length; i++) {
            set(t, i, values[i]);
        }
        return t;
    }

    /** The expected values as a tensor of {@code type} would hold them (bool keeps only zero / non-zero). */
    static long[] as(DataType type, long... values) {
        long[] out = values.clone();
        if (type == DataType.BOOL) {
            for (int i = 0; i < out.length; i++) {
                out[i] = out[i] != 0 ? 1 : 0;
            }
        }
        return out;
    }

    /** An int64 1-D tensor. */
    static Tensor longs(long... values) {
        return Tensor.ofLongs(Shape.of(values.length), values);
    }

    private static void set(Tensor t, int i, long v) {
        if (t.dataType().isFloatingPoint()) {
            t.setDouble(i, v);
        } else {
            t.setLong(i, v);
        }
    }

    /** The elements of any tensor as longs (floating ones truncated). */
    static long[] values(Tensor t) {
        long[] out = new long[t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.dataType().isFloatingPoint() ? (long) t.getDouble(i) : t.getLong(i);
        }
        return out;
    }

    /** Runs a node built from {@code builder}'s inputs on {@code inputs}. */
    static List<Tensor> run(KernelFactory f, Node node, Tensor... inputs) {
        return ReferenceTesting.run(f, node, inputs);
    }

    /** A node whose inputs are the given tensors, the ones at {@code constants} as constant inputs. */
    static Node.Builder node(String op, int opset, Tensor[] inputs, int... constants) {
        Node.Builder b = Node.builder(op).name(op.toLowerCase() + "_under_test").opset(opset);
        for (int i = 0; i < inputs.length; i++) {
            final int index = i;
            boolean constant = java.util.Arrays.stream(constants).anyMatch(c -> c == index);
            if (inputs[i] == null) {
                b.absentInput();
            } else if (constant) {
                b.constantInput(inputs[i]);
            } else {
                b.input(inputs[i].type());
            }
        }
        return b;
    }
}
