package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.gemm.BPanels;
import dev.vela.samples.javacpu.gemm.DenseB;
import dev.vela.samples.javacpu.gemm.Epilogue;
import dev.vela.samples.javacpu.gemm.MatrixOut;
import dev.vela.samples.javacpu.gemm.Sgemm;
import dev.vela.samples.javacpu.support.Window2d;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.TensorType;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Conv as GEMM: for each image and group, {@code Y[co][pixel] = W[co][k] x im2col[k][pixel] + bias}.
 * The weights, already row-major [M, K] in both layouts, are A; the image is B, read through
 * {@link Im2colPanels}, or directly for a pointwise (1x1, stride 1, unpadded) convolution. NHWC
 * output is written with a column stride of M, except for NHWC pointwise convolutions, which run
 * transposed (the image as A, pixels as rows) so output rows are contiguous. Immutable after
 * construction.
 */
final class GemmConvKernel implements Kernel {

    private final ConvPlan plan;
    private final float[] weights;
    private final Epilogue[] groupEpilogues;
    /** For NHWC pointwise convolutions, which run transposed: pixels are rows, channels columns. */
    private final Epilogue[] groupColumnEpilogues;

    GemmConvKernel(ConvPlan plan, float[] weights, float[] bias) {
        this.plan = plan;
        this.weights = weights;
        int go = plan.groupOut();
        groupEpilogues = new Epilogue[plan.groups()];
        groupColumnEpilogues = new Epilogue[plan.groups()];
        for (int gi = 0; gi < plan.groups(); gi++) {
            float[] slice = Arrays.copyOfRange(bias, gi * go, (gi + 1) * go);
            groupEpilogues[gi] = new Epilogue(1f, slice, null, false, plan.activation());
            groupColumnEpilogues[gi] = new Epilogue(1f, null, slice, false, plan.activation());
        }
    }

    @Override
    public List<TensorType> outputTypes() {
        return List.of(plan.output());
    }

    @Override
    public void invoke(Invocation inv) {
        float[] x = inv.input(0).toFloatArray();
        FloatBuffer y = inv.output(0).floats();
        Window2d g = plan.window();
        boolean nhwc = plan.layout() == Layout.NHWC;
        int c = plan.inChannels();
        int m = plan.outChannels();
        int cg = plan.groupIn();
        int go = plan.groupOut();
        int k = plan.depth();
        int inPixels = g.inH() * g.inW();
        int outPixels = g.outPixels();
        for (int n = 0; n < plan.batch(); n++) {
            for (int gi = 0; gi < plan.groups(); gi++) {
                int xBase = nhwc ? n * inPixels * c + gi * cg : (n * c + gi * cg) * inPixels;
                if (nhwc && g.isPointwise()) {
                    // Y[pixel][co] = X[pixel][ci] x W[co][ci]^T: the image is A as it lies, output rows are contiguous.
                    Sgemm.multiply(outPixels, go, cg, x, xBase, c, new DenseB(weights, gi * go * cg, cg, cg, true),
                            new MatrixOut(y, n * outPixels * m + gi * go, m, 1), groupColumnEpilogues[gi], inv.threads());
                    continue;
                }
                BPanels b;
                if (g.isPointwise()) {
                    b = new DenseB(x, xBase, inPixels, cg, false);
                } else {
                    b = new Im2colPanels(x, xBase, cg, nhwc, c, g);
                }
                MatrixOut out = nhwc
                        ? new MatrixOut(y, n * outPixels * m + gi * go, 1, m)
                        : new MatrixOut(y, (n * m + gi * go) * outPixels, outPixels, 1);
                Sgemm.multiply(go, outPixels, k, weights, gi * go * k, k, b, out, groupEpilogues[gi], inv.threads());
            }
        }
    }
}
