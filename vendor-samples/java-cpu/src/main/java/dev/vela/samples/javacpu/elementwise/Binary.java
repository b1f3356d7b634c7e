package dev.vela.samples.javacpu.elementwise;

import dev.vela.samples.javacpu.support.Broadcasting;
import dev.vela.samples.javacpu.support.CpuKernelFactory;
import dev.vela.samples.javacpu.support.NodeRules;
import dev.vela.samples.javacpu.support.Parallel;
import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;

/**
 * Float32 Add, Sub, Mul and Div with numpy broadcasting and an optional fused activation. The
 * broadcast is reduced once at prepare time to a {@link BroadcastLoop}, whose outer rows are
 * split across threads.
 */
public final class Binary extends CpuKernelFactory<Binary.Plan> {

    /**
     * @param loop the reduced broadcast
     * @param output the output type
     * @param activation fused clamp
     */
    record Plan(BroadcastLoop loop, TensorType output, FusedActivation activation) {}

    private final BinaryOp op;

    private Binary(String name, BinaryOp op) {
        super(name, Layout.ANY);
        this.op = op;
    }

    /** @return the Add factory */
    public static Binary add() {
        return new Binary("Add", BinaryOp.ADD);
    }

    /** @return the Sub factory */
    public static Binary sub() {
        return new Binary("Sub", BinaryOp.SUB);
    }

    /** @return the Mul factory */
    public static Binary mul() {
        return new Binary("Mul", BinaryOp.MUL);
    }

    /** @return the Div factory */
    public static Binary div() {
        return new Binary("Div", BinaryOp.DIV);
    }

    @Override
    protected Plan plan(Node node) {
        NodeRules.inputs(node, 2, 2);
        int[] a = NodeRules.float32(node, 0).shape().dims();
        int[] b = NodeRules.float32(node, 1).shape().dims();
        int[] out = Broadcasting.shape(node, a, b);
        return new Plan(
                new BroadcastLoop(a, b, out),
                TensorType.of(DataType.FLOAT32, Shape.of(out)),
                NodeRules.clampActivation(node));
    }

    @Override
    protected Kernel build(Node node, Plan plan) {
        BinaryOp arithmetic = op;
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(plan.output());
            }

            @Override
            public void invoke(Invocation inv) {
                float[] a = Elementwise.read(inv, 0, Workspace.INPUT);
                float[] b = Elementwise.read(inv, 1, Workspace.INPUT2);
                int count = plan.output().elementCount();
                float[] o = Workspace.floats(Workspace.OUTPUT, count);
                if (count > 0) {
                    BroadcastLoop loop = plan.loop();
                    Parallel.forRange(loop.outerCount, Elementwise.threads(inv, count), (from, to) -> {
                        loop.run(arithmetic, a, b, o, from, to);
                        plan.activation().applyInPlace(o, from * loop.inner, to * loop.inner);
                    });
                }
                inv.output(0).floats().put(0, o, 0, count);
            }
        };
    }
}
