package dev.vela.reference;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import java.util.Set;

/**
 * Wraps a float (or plain integer) reference factory so that it refuses a node carrying a fused
 * {@code activation} attribute (TFLite's fused Relu/Clip/Tanh), which only the quantized kernels
 * apply: computing such a node without its activation would be a silently wrong result. The TFLite
 * importer emits a separate activation node after float operators, so only hand-built or foreign
 * graphs reach this refusal. Public so that tools presenting a reference family on its own (the kit's tests) decline
 * the attribute exactly as {@link ReferenceProvider} does.
 */
public final class FusedActivationGuard implements KernelFactory {

    /** The attribute the TFLite importer uses for fused activations. */
    static final String ACTIVATION = "activation";

    private final KernelFactory delegate;

    /** @param delegate the float or plain integer factory to guard */
    public FusedActivationGuard(KernelFactory delegate) {
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
    public Support supports(Node node) {
        if (node.attributes().has(ACTIVATION)) {
            return Support.no(node.describe() + ": " + refusal(node));
        }
        return delegate.supports(node);
    }

    @Override
    public Kernel prepare(Node node) {
        if (node.attributes().has(ACTIVATION)) {
            throw new InvalidNodeException(node, refusal(node));
        }
        return delegate.prepare(node);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return delegate.valueInputs(node);
    }

    private static String refusal(Node node) {
        return "the fused activation '" + node.attributes().getString(ACTIVATION, "?")
                + "' is applied only by the quantized kernels; the float kernel does not apply it"
                + " (emit a separate activation node)";
    }
}
