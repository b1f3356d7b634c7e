package dev.vela.conformance.broken;

import dev.vela.conformance.cases.FusedActivation;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import java.util.Set;

/**
 * A reference factory presented as a vendor that does not fuse activations: it declines any node with the
 * {@value FusedActivation#ATTRIBUTE} attribute, as the reference provider does for its float kernels (the raw
 * family factories would ignore the attribute and compute a wrong result, which the kit rightly fails).
 */
public final class DecliningFusedActivation implements KernelFactory {

    private final KernelFactory delegate;

    /** @param delegate the factory */
    public DecliningFusedActivation(KernelFactory delegate) {
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
        return node.attributes().has(FusedActivation.ATTRIBUTE) ? Support.no("fused activations are not applied")
                : delegate.supports(node);
    }

    @Override
    public Kernel prepare(Node node) {
        if (node.attributes().has(FusedActivation.ATTRIBUTE)) {
            throw new InvalidNodeException(node, "fused activations are not applied");
        }
        return delegate.prepare(node);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return delegate.valueInputs(node);
    }
}
