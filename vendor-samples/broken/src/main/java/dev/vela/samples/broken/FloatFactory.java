package dev.vela.samples.broken;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import java.util.Set;

/**
 * Base of the broken kernels' factories: one float32 claim, an honest {@code supports()} that runs
 * the same checks as {@code prepare()} (the bugs are in the arithmetic, not in the contract).
 */
abstract class FloatFactory implements KernelFactory {

    private final OpId op;
    private final Layout layout;

    FloatFactory(String op, Layout layout) {
        this.op = OpId.of(op);
        this.layout = layout;
    }

    @Override
    public final OpId op() {
        return op;
    }

    @Override
    public final Set<KernelClaim> claims() {
        return Set.of(new KernelClaim(op, DataType.FLOAT32, layout));
    }

    @Override
    public final Support supports(Node node) {
        String problem = problem(node);
        return problem == null ? Support.yes() : Support.no(problem);
    }

    @Override
    public final Kernel prepare(Node node) {
        String problem = problem(node);
        if (problem != null) {
            throw new InvalidNodeException(node, problem);
        }
        return build(node);
    }

    /** @return why this node cannot run here, or null */
    abstract String problem(Node node);

    /** Makes the kernel of a node {@link #problem} accepted. */
    abstract Kernel build(Node node);

    /** @return null when inputs 0..count-1 are present plain float32 tensors and there is one output */
    static String floatInputs(Node node, int count) {
        if (node.inputCount() < count || node.outputCount() != 1) {
            return "expects " + count + " inputs and one output";
        }
        for (int i = 0; i < count; i++) {
            if (!node.hasInput(i)) {
                return "input " + i + " is absent";
            }
            TensorType t = node.inputType(i);
            if (t.dataType() != DataType.FLOAT32 || t.isQuantized()) {
                return "input " + i + " is not plain float32";
            }
        }
        return null;
    }
}
