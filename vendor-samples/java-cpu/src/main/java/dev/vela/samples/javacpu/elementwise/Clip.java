package dev.vela.samples.javacpu.elementwise;

import dev.vela.samples.javacpu.support.CpuKernelFactory;
import dev.vela.samples.javacpu.support.NodeRules;
import dev.vela.samples.javacpu.support.Parallel;
import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Float32 Clip: bounds from the optional scalar inputs 1 and 2 (opset 11+, read at each call so
 * they need not be constant) or the {@code min}/{@code max} attributes (opset 6-10). Like
 * {@code numpy.clip}, {@code min(max(x, lo), hi)}: with lo > hi every element becomes hi; NaN
 * stays NaN.
 */
public final class Clip extends CpuKernelFactory<TensorType> {

    /** Creates the factory. */
    public Clip() {
        super("Clip", Layout.ANY);
    }

    @Override
    protected TensorType plan(Node node) {
        boolean inputs = node.opsetVersion() >= 11;
        NodeRules.inputs(node, 1, inputs ? 3 : 1);
        TensorType x = NodeRules.float32(node, 0);
        for (int i = 1; i < 3 && inputs; i++) {
            if (node.hasInput(i) && NodeRules.float32(node, i).elementCount() != 1) {
                throw new InvalidNodeException(
                        node, "bound input " + i + " must hold one value, got " + node.inputType(i));
            }
        }
        return x;
    }

    @Override
    protected Kernel build(Node node, TensorType type) {
        boolean inputs = node.opsetVersion() >= 11;
        float attrLo = node.attributes().getFloat("min", -Float.MAX_VALUE);
        float attrHi = node.attributes().getFloat("max", Float.MAX_VALUE);
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(type);
            }

            @Override
            public void invoke(Invocation inv) {
                float lo = inputs ? bound(inv, 1, Float.NEGATIVE_INFINITY) : attrLo;
                float hi = inputs ? bound(inv, 2, Float.POSITIVE_INFINITY) : attrHi;
                float[] x = Elementwise.read(inv, 0, Workspace.INPUT);
                int count = type.elementCount();
                Parallel.forRange(count, Elementwise.threads(inv, count), (from, to) -> {
                    for (int i = from; i < to; i++) {
                        x[i] = Math.min(Math.max(x[i], lo), hi);
                    }
                });
                inv.output(0).floats().put(0, x, 0, count);
            }
        };
    }

    private static float bound(Invocation inv, int index, float absent) {
        return inv.hasInput(index) ? inv.input(index).floats().get(0) : absent;
    }
}
