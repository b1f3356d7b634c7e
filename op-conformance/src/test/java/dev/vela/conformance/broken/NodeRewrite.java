package dev.vela.conformance.broken;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A broken kernel made by running the reference on a rewritten node: the same node with some
 * input types (quantization) or attributes changed, as a buggy kernel effectively does when it
 * misreads them. The inputs are reinterpreted as the rewritten types (same bytes).
 */
final class NodeRewrite {

    private NodeRewrite() {}

    /**
     * @param node the original node
     * @param types the input types to use instead (same shapes and element types)
     * @param attributes changes to the attributes (applied after copying them all)
     * @return the rewritten node; constant inputs keep their bytes under the new type
     */
    static Node rewrite(Node node, TensorType[] types, Consumer<Node.Builder> attributes) {
        Node.Builder b = Node.builder(node.op().toString()).name(node.name()).opset(node.opsetVersion());
        for (int i = 0; i < node.inputCount(); i++) {
            if (!node.hasInput(i)) {
                b.absentInput();
            } else if (node.inputValue(i).isPresent()) {
                b.constantInput(node.inputValue(i).get().reinterpret(types[i]));
            } else {
                b.input(types[i]);
            }
        }
        b.attributes().putAll(node.attributes());
        attributes.accept(b);
        b.outputs(node.outputCount());
        for (int i = 0; i < node.outputCount(); i++) {
            int o = i;
            node.outputQuantization(o).ifPresent(q -> b.outputQuantization(o, q));
            node.outputDataType(o).ifPresent(t -> b.outputDataType(o, t));
        }
        return b.build();
    }

    /** @return the node's input types */
    static TensorType[] inputTypes(Node node) {
        TensorType[] t = new TensorType[node.inputCount()];
        for (int i = 0; i < t.length; i++) {
            t[i] = node.hasInput(i) ? node.inputType(i) : null;
        }
        return t;
    }

    /**
     * @param reference the reference factory
     * @param original the node the kernel was asked for
     * @param rewritten what the buggy kernel effectively computes
     * @return a kernel with the original's output types computing the rewritten node
     */
    static Kernel kernel(KernelFactory reference, Kernel original, Node rewritten) {
        Kernel wrong = reference.prepare(rewritten);
        TensorType[] types = inputTypes(rewritten);
        return new DelegatingFactory.ForwardingKernel(original) {
            @Override
            public void invoke(Invocation inv) {
                List<Tensor> inputs = new ArrayList<>();
                for (int i = 0; i < types.length; i++) {
                    Tensor t = inv.input(i);
                    inputs.add(t == null ? null : t.reinterpret(types[i]));
                }
                List<Tensor> outputs = new ArrayList<>();
                for (int i = 0; i < original.outputTypes().size(); i++) {
                    outputs.add(inv.output(i));
                }
                int scratch = wrong.scratchBytes();
                wrong.invoke(Invocation.of(
                        inputs,
                        outputs,
                        scratch > 0
                                ? java.nio.ByteBuffer.allocate(scratch).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                                : null));
            }
        };
    }
}
