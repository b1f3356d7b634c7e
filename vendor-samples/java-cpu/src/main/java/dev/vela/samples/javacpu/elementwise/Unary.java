package dev.vela.samples.javacpu.elementwise;

import dev.vela.samples.javacpu.support.CpuKernelFactory;
import dev.vela.samples.javacpu.support.NodeRules;
import dev.vela.samples.javacpu.support.Parallel;
import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.List;

/** Float32 Relu, Sigmoid and Tanh; the element range is split across threads. */
public final class Unary extends CpuKernelFactory<TensorType> {

    private final UnaryOp op;

    private Unary(String name, UnaryOp op) {
        super(name, Layout.ANY);
        this.op = op;
    }

    /** @return the Relu factory */
    public static Unary relu() {
        return new Unary("Relu", UnaryOp.RELU);
    }

    /** @return the Sigmoid factory */
    public static Unary sigmoid() {
        return new Unary("Sigmoid", UnaryOp.SIGMOID);
    }

    /** @return the Tanh factory */
    public static Unary tanh() {
        return new Unary("Tanh", UnaryOp.TANH);
    }

    @Override
    protected TensorType plan(Node node) {
        NodeRules.inputs(node, 1, 1);
        return NodeRules.float32(node, 0);
    }

    @Override
    protected Kernel build(Node node, TensorType type) {
        UnaryOp f = op;
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(type);
            }

            @Override
            public void invoke(Invocation inv) {
                float[] x = Elementwise.read(inv, 0, Workspace.INPUT);
                int count = type.elementCount();
                Parallel.forRange(count, Elementwise.threads(inv, count), (from, to) -> f.run(x, from, to));
                inv.output(0).floats().put(0, x, 0, count);
            }
        };
    }
}
