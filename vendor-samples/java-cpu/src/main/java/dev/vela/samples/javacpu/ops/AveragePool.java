package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.support.CpuKernelFactory;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;

/**
 * ONNX AveragePool, 2-D, float32, NCHW or NHWC: strides, dilations, pads or auto_pad,
 * count_include_pad, ceil_mode (opset 10+).
 */
public final class AveragePool extends CpuKernelFactory<PoolPlan> {

    /** Creates the factory. */
    public AveragePool() {
        super("AveragePool", Layout.NCHW, Layout.NHWC);
    }

    @Override
    protected PoolPlan plan(Node node) {
        return PoolPlan.of(node, 10);
    }

    @Override
    protected Kernel build(Node node, PoolPlan plan) {
        return new PoolKernel(plan, false, node.attributes().getInt("count_include_pad", 0) != 0);
    }
}
