package dev.vela.samples.javacpu.support;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Base of every factory in this sample: float32 claims for the given layouts, and a
 * {@link #supports(Node)} that is honest by construction. Each factory splits its work into a
 * cheap {@link #plan(Node)} (shape and attribute checks, output type; no weight packing) and a
 * {@link #build} that packs constants. {@code supports} runs only the plan, {@code prepare} runs
 * both, so a yes from {@code supports} is exactly a node {@code prepare} accepts.
 *
 * @param <P> what the plan holds
 */
public abstract class CpuKernelFactory<P> implements KernelFactory {

    private final OpId op;
    private final Set<KernelClaim> claims;

    /**
     * @param op operator name in the default domain
     * @param layouts the layouts claimed ({@link Layout#ANY} for layout-free operators)
     */
    protected CpuKernelFactory(String op, Layout... layouts) {
        this.op = OpId.of(op);
        Set<KernelClaim> c = new LinkedHashSet<>();
        for (Layout l : layouts) {
            c.add(new KernelClaim(this.op, DataType.FLOAT32, l));
        }
        this.claims = Set.copyOf(c);
    }

    @Override
    public final OpId op() {
        return op;
    }

    @Override
    public final Set<KernelClaim> claims() {
        return claims;
    }

    @Override
    public final Support supports(Node node) {
        if (!op.equals(node.op())) {
            return Support.no("factory for " + op + " asked about " + node.op());
        }
        try {
            plan(node);
            return Support.yes();
        } catch (RuntimeException e) {
            // Never throw from supports(): any failure of the plan is a reasoned no.
            return Support.no(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public final Kernel prepare(Node node) {
        if (!op.equals(node.op())) {
            throw new InvalidNodeException(node, "factory for " + op + " cannot prepare it");
        }
        P plan;
        try {
            plan = plan(node);
        } catch (InvalidNodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidNodeException(node, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return build(node, plan);
    }

    /**
     * Validates the node cheaply and works out what the kernel needs.
     *
     * @param node the node
     * @return the plan
     * @throws InvalidNodeException naming the node when it is invalid or unsupported
     */
    protected abstract P plan(Node node);

    /**
     * Makes the kernel, packing constant inputs.
     *
     * @param node the node
     * @param plan its plan
     * @return the kernel
     */
    protected abstract Kernel build(Node node, P plan);
}
