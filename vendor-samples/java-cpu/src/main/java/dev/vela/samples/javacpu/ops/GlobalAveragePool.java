package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.support.CpuKernelFactory;
import dev.vela.samples.javacpu.support.NodeRules;
import dev.vela.samples.javacpu.support.Parallel;
import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * ONNX GlobalAveragePool, 2-D, float32: NCHW [N,C,H,W] to [N,C,1,1], NHWC [N,H,W,C] to
 * [N,1,1,C]. Sums accumulate in double so the mean of a large plane stays within the reduction
 * tolerance; NHWC sums all channels of a pixel in one contiguous pass.
 */
public final class GlobalAveragePool extends CpuKernelFactory<GlobalAveragePool.Plan> {

    /**
     * @param nhwc whether channels are last
     * @param batch images
     * @param channels channels
     * @param pixels H * W
     * @param output the output type
     */
    record Plan(boolean nhwc, int batch, int channels, int pixels, TensorType output) {}

    /** Creates the factory. */
    public GlobalAveragePool() {
        super("GlobalAveragePool", Layout.NCHW, Layout.NHWC);
    }

    @Override
    protected Plan plan(Node node) {
        NodeRules.inputs(node, 1, 1);
        boolean nhwc = Layout.of(node) == Layout.NHWC;
        Shape x = NodeRules.float32(node, 0).shape();
        if (x.rank() != 4) {
            throw new InvalidNodeException(
                    node, "input has rank " + x.rank() + "; this kernel pools 2-D inputs (rank 4) only");
        }
        int c = nhwc ? x.dim(3) : x.dim(1);
        int pixels = nhwc ? x.dim(1) * x.dim(2) : x.dim(2) * x.dim(3);
        if (pixels == 0) {
            throw new InvalidNodeException(node, "input " + x + " has no pixels to average");
        }
        Shape out = nhwc ? Shape.of(x.dim(0), 1, 1, c) : Shape.of(x.dim(0), c, 1, 1);
        return new Plan(nhwc, x.dim(0), c, pixels, TensorType.of(DataType.FLOAT32, out));
    }

    @Override
    protected Kernel build(Node node, Plan plan) {
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(plan.output());
            }

            @Override
            public void invoke(Invocation inv) {
                int count = inv.input(0).elementCount();
                float[] x = Workspace.floats(Workspace.INPUT, count);
                inv.input(0).floats().get(0, x, 0, count);
                FloatBuffer y = inv.output(0).floats();
                int c = plan.channels();
                int px = plan.pixels();
                if (plan.nhwc()) {
                    Parallel.forRange(plan.batch(), inv.threads(), (from, to) -> {
                        double[] sums = new double[c];
                        for (int n = from; n < to; n++) {
                            java.util.Arrays.fill(sums, 0);
                            for (int p = 0; p < px; p++) {
                                int base = (n * px + p) * c;
                                for (int ch = 0; ch < c; ch++) {
                                    sums[ch] += x[base + ch];
                                }
                            }
                            for (int ch = 0; ch < c; ch++) {
                                y.put(n * c + ch, (float) (sums[ch] / px));
                            }
                        }
                    });
                } else {
                    Parallel.forRange(plan.batch() * c, inv.threads(), (from, to) -> {
                        for (int plane = from; plane < to; plane++) {
                            double sum = 0;
                            int base = plane * px;
                            for (int p = 0; p < px; p++) {
                                sum += x[base + p];
                            }
                            y.put(plane, (float) (sum / px));
                        }
                    });
                }
            }
        };
    }
}
