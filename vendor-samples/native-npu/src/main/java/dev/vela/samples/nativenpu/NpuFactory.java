package dev.vela.samples.nativenpu;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import java.util.Set;

/**
 * Base of this provider's factories: one operator, claimed for int8 in one layout. {@link
 * #supports(Node)} runs the same validation as {@link #prepare(Node)} but allocates no native
 * memory, so its answer is honest and cheap.
 *
 * @param <S> the validated, resolved description of a node (geometry, multipliers, ...)
 * @since 0.1
 */
abstract class NpuFactory<S> implements KernelFactory {

    private final OpId op;
    private final Set<KernelClaim> claims;
    final Isa isa;

    NpuFactory(String opName, Layout layout, Isa isa) {
        this.op = OpId.of(opName);
        this.claims = Set.of(new KernelClaim(op, DataType.INT8, layout));
        this.isa = isa;
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
        if (!node.op().equals(op)) {
            return Support.no("factory implements " + op + ", not " + node.op());
        }
        try {
            analyze(node);
            return Support.yes();
        } catch (InvalidNodeException e) {
            return Support.no(e.getMessage());
        } catch (RuntimeException e) {
            return Support.no(node.describe() + ": " + e);
        }
    }

    @Override
    public final Kernel prepare(Node node) {
        if (!node.op().equals(op)) {
            throw new InvalidNodeException(node, "factory implements " + op + ", not " + node.op());
        }
        return build(node, analyze(node));
    }

    /** Validates the node and resolves everything the native plan needs; no native memory. */
    abstract S analyze(Node node);

    /** Creates the native plan and its kernel. */
    abstract Kernel build(Node node, S spec);
}
