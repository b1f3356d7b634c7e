package dev.vela.reference.elementwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

/** Shorthands for the element-wise tests: building tensors and nodes, running one kernel. */
final class Ops {

    private Ops() {}

    /** A tensor of any type from values (floating types rounded once, integer and bool types wrapped). */
    static Tensor tensor(DataType type, int[] dims, double... values) {
        Tensor t = Tensor.allocate(TensorType.of(type, Shape.of(dims)));
        for (int i = 0; i < values.length; i++) {
            if (type.isFloatingPoint()) {
                t.setDouble(i, values[i]);
            } else {
                t.setLong(i, (long) values[i]);
            }
        }
        return t;
    }

    /** A one-dimensional tensor of any type. */
    static Tensor vector(DataType type, double... values) {
        return tensor(type, new int[] {values.length}, values);
    }

    /** A one-dimensional float32 tensor. */
    static Tensor floats(float... values) {
        return Tensor.ofFloats(Shape.of(values.length), values);
    }

    /** A rank-0 tensor of any type. */
    static Tensor scalar(DataType type, double value) {
        return tensor(type, new int[0], value);
    }

    static int[] dims(int... dims) {
        return dims;
    }

    /** A node of {@code op} whose inputs have the types of {@code inputs} ({@code null} is an absent input). */
    static Node.Builder node(String op, Tensor... inputs) {
        Node.Builder b = Node.builder(op).name(op.toLowerCase() + "_1");
        for (Tensor t : inputs) {
            if (t == null) {
                b.absentInput();
            } else {
                b.input(t.type());
            }
        }
        return b;
    }

    /** Prepares and runs the node on the inputs, returning output 0. */
    static Tensor run(KernelFactory factory, Node node, Tensor... inputs) {
        return ReferenceTesting.run(factory, node, inputs).get(0);
    }

    /** Runs a node built from the inputs with no attributes. */
    static Tensor run(KernelFactory factory, Tensor... inputs) {
        return run(factory, node(factory.op().name(), inputs).build(), inputs);
    }

    /** Every element read as a double. */
    static double[] values(Tensor t) {
        double[] out = new double[t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getDouble(i);
        }
        return out;
    }

    /** Every element of an integer or bool tensor read as a long. */
    static long[] longs(Tensor t) {
        long[] out = new long[t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getLong(i);
        }
        return out;
    }

    /** The factory refuses the node with a message naming it and containing {@code fragment}; supports() agrees. */
    static void assertRejects(KernelFactory factory, Node node, String fragment) {
        assertThatThrownBy(() -> factory.prepare(node))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining(node.name())
                .hasMessageContaining(fragment);
        assertThat(factory.supports(node).isSupported()).isFalse();
    }
}
