package dev.vela.conformance.check;

import dev.vela.conformance.cases.FusedActivation;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference for a float node carrying a fused activation ({@link FusedActivation}): the float reference
 * kernels refuse that attribute, so the expectation is the reference kernel on the node without it, followed by
 * the clamp. Nodes the wrapped factory accepts as they are (quantized kernels apply the attribute themselves)
 * and nodes without the attribute go to it unchanged, as do integer and quantized nodes; a malformed activation
 * on a float node is an invalid node.
 */
public final class FusedActivationReference implements KernelFactory {

    private final KernelFactory delegate;

    /** @param delegate the reference factory */
    public FusedActivationReference(KernelFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public OpId op() {
        return delegate.op();
    }

    @Override
    public Set<KernelClaim> claims() {
        return delegate.claims();
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return delegate.valueInputs(node);
    }

    /** @return whether the node is one this wrapper computes as the plain node plus a clamp */
    private boolean emulates(Node node) {
        return node.attributes().has(FusedActivation.ATTRIBUTE) && node.outputQuantization(0).isEmpty()
                && node.inputCount() > 0 && node.hasInput(0) && node.inputType(0).dataType().isFloatingPoint()
                && node.inputType(0).quantization().isEmpty() && !delegate.supports(node).isSupported();
    }

    @Override
    public Support supports(Node node) {
        if (!emulates(node)) {
            return delegate.supports(node);
        }
        try {
            FusedActivation.of(node);
        } catch (RuntimeException e) {
            return Support.no(e.getMessage());
        }
        return delegate.supports(FusedActivation.without(node));
    }

    @Override
    public Kernel prepare(Node node) {
        if (!emulates(node)) {
            return delegate.prepare(node);
        }
        Optional<FusedActivation> act = FusedActivation.of(node);
        Kernel plain = delegate.prepare(FusedActivation.without(node));
        if (act.isEmpty() || !plain.outputTypes().get(0).dataType().isFloatingPoint()) {
            return plain;
        }
        return new Clamped(plain, act.get());
    }

    /** The plain kernel's result, output 0 clamped. */
    private static final class Clamped implements Kernel {
        private final Kernel plain;
        private final FusedActivation act;

        Clamped(Kernel plain, FusedActivation act) {
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
        public List<dev.vela.spi.KernelState> state() {
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
