package dev.vela.samples.nativefp32;

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
 * Base of every factory here: float32 claims for the given layouts and a {@link #supports(Node)} that is honest
 * by construction. {@link #analyze(Node)} validates and works out the geometry without touching native memory;
 * {@link #build} packs the constants into a native plan. {@code supports} runs only the analysis, {@code prepare}
 * both, so a yes from {@code supports} is exactly a node {@code prepare} accepts.
 *
 * @param <S> what the analysis holds
 */
abstract class Fp32Factory<S> implements KernelFactory {

    private final OpId op;
    private final Set<KernelClaim> claims;
    private final Isa isa;

    /**
     * @param op operator name in the default domain
     * @param isa the provider's code path
     * @param layouts the layouts claimed ({@link Layout#ANY} for layout-free operators)
     */
    Fp32Factory(String op, Isa isa, Layout... layouts) {
        this.op = OpId.of(op);
        this.isa = isa;
        Set<KernelClaim> c = new LinkedHashSet<>();
        for (Layout l : layouts) {
            c.add(new KernelClaim(this.op, DataType.FLOAT32, l));
        }
        this.claims = Set.copyOf(c);
    }

    /** @return the code path plans are made for */
    final Isa isa() {
        return isa;
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
            analyze(node);
            return Support.yes();
        } catch (RuntimeException e) {
            // never throw from supports(): any failure of the analysis is a reasoned no
            return Support.no(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public final Kernel prepare(Node node) {
        if (!op.equals(node.op())) {
            throw new InvalidNodeException(node, "factory for " + op + " cannot prepare it");
        }
        S spec;
        try {
            spec = analyze(node);
        } catch (InvalidNodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidNodeException(node, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return build(node, spec);
    }

    /**
     * Validates the node and works out what the kernel needs; no native memory.
     *
     * @param node the node
     * @return the analysis
     * @throws InvalidNodeException naming the node when it is invalid or not handled here
     */
    abstract S analyze(Node node);

    /**
     * Packs the constants into a native plan and wraps it.
     *
     * @param node the node
     * @param spec its analysis
     * @return the kernel
     */
    abstract Kernel build(Node node, S spec);

    /**
     * @param node the node
     * @param index an input
     * @param what what the input is, for the message
     * @return its constant value as floats
     * @throws InvalidNodeException when it is not constant
     */
    static float[] constant(Node node, int index, String what) {
        return node.inputValue(index)
                .orElseThrow(() -> new InvalidNodeException(
                        node, what + " must be constant: this kernel packs it at prepare time"))
                .toFloatArray();
    }
}
