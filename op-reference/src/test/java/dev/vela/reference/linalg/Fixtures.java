package dev.vela.reference.linalg;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.List;
import org.assertj.core.data.Offset;

/** Shortcuts for the linalg tests: building nodes over given inputs and running one kernel. */
final class Fixtures {

    /** Tolerance for float32 results computed by hand to 7-8 digits. */
    static final Offset<Float> CLOSE = Offset.offset(1e-6f);

    private Fixtures() {}

    static Tensor floats(int[] dims, float... values) {
        return Tensor.ofFloats(Shape.of(dims), values);
    }

    static int[] dims(int... d) {
        return d;
    }

    /** @return a 1-D int64 tensor, the form of ONNX axes and K inputs */
    static Tensor int64s(long... values) {
        return Tensor.ofLongs(Shape.of(values.length), values);
    }

    /** @return a builder whose inputs are the given tensors' types, values unknown at prepare time */
    static Node.Builder node(String op, int opset, Tensor... inputs) {
        Node.Builder b = Node.builder(op).opset(opset);
        for (Tensor t : inputs) {
            b.input(t.type());
        }
        return b;
    }

    static Tensor run(KernelFactory factory, Node node, Tensor... inputs) {
        return ReferenceTesting.run(factory, node, inputs).get(0);
    }

    static List<Tensor> runAll(KernelFactory factory, Node node, Tensor... inputs) {
        return ReferenceTesting.run(factory, node, inputs);
    }
}
