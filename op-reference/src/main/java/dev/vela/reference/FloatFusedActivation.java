package dev.vela.reference;

import dev.vela.spi.Attributes;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.KernelState;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;
import java.util.Set;

/**
 * The golden meaning of a float node carrying a fused activation ({@link FusedActivation}, the form the TFLite
 * importer and the runtime's activation fusion give Conv, Gemm, MatMul, pooling and the arithmetic operators):
 * the wrapped float kernel on the node without the attribute, then the activation applied to output 0 with NaN
 * passing through. The wrapped kernels know nothing of the attribute; this wrapper is why they never ignore it.
 *
 * <p>A node with the attribute whose input 0 or output 0 is not float (a plain integer node) is refused: there a
 * fused activation is defined only on quantized outputs, which the quantized kernels clamp themselves. A malformed
 * activation is an invalid node. Public so that tools presenting a reference family on its own (the kit's tests)
 * apply the attribute exactly as {@link ReferenceProvider} does.
 */
public final class FloatFusedActivation implements KernelFactory {

    private final KernelFactory plain;

    /** @param plain the float or plain integer factory, which does not read the activation attributes */
    public FloatFusedActivation(KernelFactory plain) {
        this.plain = plain;
    }

    /**
     * @param node a node
     * @return a view of the same node without {@value FusedActivation#ATTRIBUTE} and {@value FusedActivation#PARAMS}
     *     (inputs, their values and the declared outputs unchanged)
     */
    public static Node withoutActivation(Node node) {
        Attributes rest = FusedActivation.removeFrom(Attributes.builder().putAll(node.attributes()))
                .build()
                .withOwner(node.describe());
        return node.withAttributes(rest);
    }

    @Override
    public OpId op() {
        return plain.op();
    }

    @Override
    public Set<KernelClaim> claims() {
        return plain.claims();
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return plain.valueInputs(node);
    }

    @Override
    public Support supports(Node node) {
        if (!FusedActivation.isPresent(node.attributes())) {
            return plain.supports(node);
        }
        try {
            check(node);
        } catch (InvalidNodeException e) {
            return Support.no(e.getMessage());
        }
        return plain.supports(withoutActivation(node));
    }

    @Override
    public Kernel prepare(Node node) {
        if (!FusedActivation.isPresent(node.attributes())) {
            return plain.prepare(node);
        }
        FusedActivation act = check(node);
        Kernel kernel = plain.prepare(withoutActivation(node));
        if (!kernel.outputTypes().get(0).dataType().isFloatingPoint()) {
            String type = kernel.outputTypes().get(0).dataType().label();
            kernel.close();
            throw new InvalidNodeException(
                    node,
                    "the fused activation '" + act + "' needs a float or quantized" + " output, output 0 is " + type);
        }
        return act.isNone() ? kernel : new Activated(kernel, act);
    }

    /** @return the node's activation, when its input 0 is float */
    private static FusedActivation check(Node node) {
        FusedActivation act = FusedActivation.of(node);
        boolean floatInput = node.inputCount() > 0
                && node.hasInput(0)
                && node.inputType(0).dataType().isFloatingPoint()
                && node.inputType(0).quantization().isEmpty();
        if (!floatInput || node.outputQuantization(0).isPresent()) {
            throw new InvalidNodeException(
                    node,
                    "the fused activation '" + act + "' is defined on float outputs"
                            + " (here) and quantized ones (the quantized kernels); this node is neither");
        }
        return act;
    }

    /** The plain kernel's result with output 0 activated. */
    private static final class Activated implements Kernel {
        private final Kernel plain;
        private final FusedActivation act;

        Activated(Kernel plain, FusedActivation act) {
            this.plain = plain;
            this.act = act;
        }

        @Override
        public List<TensorType> outputTypes() {
            return plain.outputTypes();
        }

        @Override
        public int scratchBytes() {
            return plain.scratchBytes();
        }

        @Override
        public boolean isConcurrent() {
            return plain.isConcurrent();
        }

        /** The wrapped kernel's state: a wrapper that hid it would make a stateful kernel look stateless. */
        @Override
        public List<KernelState> state() {
            return plain.state();
        }

        @Override
        public void invoke(Invocation inv) {
            plain.invoke(inv);
            Tensor out = inv.output(0);
            for (int i = 0; i < out.elementCount(); i++) {
                out.setDouble(i, act.apply(out.getDouble(i)));
            }
        }

        @Override
        public void close() {
            plain.close();
        }
    }
}
