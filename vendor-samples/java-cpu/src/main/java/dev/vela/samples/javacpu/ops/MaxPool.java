package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.support.CpuKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;

/**
 * ONNX MaxPool, 2-D, float32, NCHW or NHWC: strides, dilations, pads or auto_pad, ceil_mode
 * (opset 10+). The optional Indices output is not produced (supports() says no).
 */
public final class MaxPool extends CpuKernelFactory<PoolPlan> {

    /** Creates the factory. */
    public MaxPool() {
        super("MaxPool", Layout.NCHW, Layout.NHWC);
    }

    @Override
    protected PoolPlan plan(Node node) {
        if (node.outputCount() != 1) {
            throw new InvalidNodeException(node, "the Indices output is not supported by this kernel");
        }
        return PoolPlan.of(node, 10);
    }

    @Override
    protected Kernel build(Node node, PoolPlan plan) {
        return new PoolKernel(plan, true, false);
    }
}
