package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.gemm.BPanels;
import dev.vela.samples.javacpu.gemm.DenseB;
import dev.vela.samples.javacpu.gemm.Epilogue;
import dev.vela.samples.javacpu.gemm.MatrixOut;
import dev.vela.samples.javacpu.gemm.PackedB;
import dev.vela.samples.javacpu.gemm.Sgemm;
import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.Window2d;
import java.util.Arrays;
import java.util.List;

/**
 * Conv as GEMM, channel-major: for each image and group,
 * {@code Y[co][pixel] = W[co][k] x im2col[k][pixel] + bias}, vectorised over output pixels (the
 * long dimension of the small models this sample targets, whose channel counts are often 8-64).
 * The weights are A, in [M, C/g, kH, kW] order (NHWC weights are reordered once here); the image
 * is B, read through {@link PaddedPlanes} (one array copy per packed row) unless its grid would
 * waste too much, then {@link Im2colPanels}, or directly for a pointwise (1x1, stride 1, unpadded) convolution. NHWC images are first transposed to planar (channel-major) form and the result
 * transposed back while it is stored: both cost one pass over a tensor, a small fraction of the
 * multiply-adds, and buy contiguous im2col rows. Tensors are read and written with one bulk copy
 * each, through the calling thread's {@link Workspace}. Immutable after construction.
 */
final class GemmConvKernel implements Kernel {

    private final ConvPlan plan;
    /** [M, C/g, kH, kW], whatever the layout. */
    private final float[] weights;

    private final Epilogue[] groupEpilogues;
    /**
     * For an NHWC pointwise convolution with more output channels than pixels (the late layers of
     * a MobileNet): the weights of each group as a packed B [C/g x M/g], so the image, as it lies,
     * is A (pixels as rows) and the product is vectorised over channels instead. Null otherwise.
     */
    private final PackedB[] pixelMajorWeights;

    private final Epilogue[] columnEpilogues;

    GemmConvKernel(ConvPlan plan, float[] weights, float[] bias) {
        this.plan = plan;
        this.weights = plan.layout() == Layout.NHWC ? channelMajor(weights, plan) : weights;
        int go = plan.groupOut();
        int cg = plan.groupIn();
        Window2d g = plan.window();
        boolean pixelMajor = plan.layout() == Layout.NHWC
                && g.isPointwise()
                && Math.min(Sgemm.NC, go) > Math.min(Sgemm.NC, g.outPixels());
        groupEpilogues = new Epilogue[plan.groups()];
        columnEpilogues = new Epilogue[plan.groups()];
        pixelMajorWeights = pixelMajor ? new PackedB[plan.groups()] : null;
        for (int gi = 0; gi < plan.groups(); gi++) {
            float[] slice = Arrays.copyOfRange(bias, gi * go, (gi + 1) * go);
            groupEpilogues[gi] = new Epilogue(1f, slice, null, false, plan.activation());
            columnEpilogues[gi] = new Epilogue(1f, null, slice, false, plan.activation());
            if (pixelMajor) {
                // NHWC 1x1 weights [M, C/g]: B[ci][co] = W[co][ci], the transpose of the group's slice.
                pixelMajorWeights[gi] = PackedB.of(weights, gi * go * cg, cg, go, true);
            }
        }
    }

    /** NHWC weights [M, kH, kW, C/g] reordered to [M, C/g, kH, kW]. */
    private static float[] channelMajor(float[] w, ConvPlan plan) {
        int m = plan.outChannels();
        int cg = plan.groupIn();
        int area = plan.window().kH() * plan.window().kW();
        float[] out = new float[w.length];
        for (int co = 0; co < m; co++) {
            for (int tap = 0; tap < area; tap++) {
                for (int c = 0; c < cg; c++) {
                    out[(co * cg + c) * area + tap] = w[(co * area + tap) * cg + c];
                }
            }
        }
        return out;
    }

    @Override
    public List<TensorType> outputTypes() {
        return List.of(plan.output());
    }

    @Override
    public void invoke(Invocation inv) {
        Window2d g = plan.window();
        boolean nhwc = plan.layout() == Layout.NHWC;
        int c = plan.inChannels();
        int m = plan.outChannels();
        int cg = plan.groupIn();
        int go = plan.groupOut();
        int k = plan.depth();
        int inPixels = g.inH() * g.inW();
        int outPixels = g.outPixels();
        Tensor input = inv.input(0);
        int inCount = input.elementCount();
        float[] x = Workspace.floats(Workspace.INPUT, inCount);
        input.floats().get(0, x, 0, inCount);
        if (pixelMajorWeights != null) {
            pixelMajor(x, inv);
            return;
        }
        if (nhwc) {
            float[] planar = Workspace.floats(Workspace.INPUT2, inCount);
            for (int n = 0; n < plan.batch(); n++) {
                transpose(x, n * inPixels * c, inPixels, c, planar);
            }
            x = planar;
        }
        int outCount = plan.output().elementCount();
        float[] y = Workspace.floats(Workspace.OUTPUT, outCount);
        // NHWC: each image is computed channel-major here, then transposed into y.
        float[] image = nhwc ? Workspace.floats(Workspace.WORK2, m * outPixels) : null;
        boolean padded = !g.isPointwise() && PaddedPlanes.suits(g);
        for (int n = 0; n < plan.batch(); n++) {
            for (int gi = 0; gi < plan.groups(); gi++) {
                int xBase = (n * c + gi * cg) * inPixels;
                float[] dst = nhwc ? image : y;
                int dstBase = nhwc ? gi * go * outPixels : (n * m + gi * go) * outPixels;
                if (padded) {
                    paddedGroup(x, xBase, gi, dst, dstBase, inv.threads());
                    continue;
                }
                BPanels b =
                        g.isPointwise() ? new DenseB(x, xBase, inPixels, cg, false) : new Im2colPanels(x, xBase, cg, g);
                Sgemm.multiply(
                        go,
                        outPixels,
                        k,
                        weights,
                        gi * go * k,
                        k,
                        b,
                        new MatrixOut(dst, dstBase, outPixels, 1),
                        groupEpilogues[gi],
                        inv.threads());
            }
            if (nhwc) {
                transpose(image, 0, m, outPixels, y, n * outPixels * m);
            }
        }
        inv.output(0).floats().put(0, y, 0, outCount);
    }

    /** NHWC pointwise, pixels as rows: Y[pixel][co] = X[pixel][ci] x W'[ci][co], output rows contiguous. */
    private void pixelMajor(float[] x, Invocation inv) {
        int c = plan.inChannels();
        int m = plan.outChannels();
        int pixels = plan.window().outPixels();
        int outCount = plan.output().elementCount();
        float[] y = Workspace.floats(Workspace.OUTPUT, outCount);
        for (int n = 0; n < plan.batch(); n++) {
            for (int gi = 0; gi < plan.groups(); gi++) {
                Sgemm.multiply(
                        pixels,
                        plan.groupOut(),
                        plan.groupIn(),
                        x,
                        n * pixels * c + gi * plan.groupIn(),
                        c,
                        pixelMajorWeights[gi],
                        new MatrixOut(y, n * pixels * m + gi * plan.groupOut(), m, 1),
                        columnEpilogues[gi],
                        inv.threads());
            }
        }
        inv.output(0).floats().put(0, y, 0, outCount);
    }

    /**
     * One image and group through {@link PaddedPlanes}: the product is computed on the wider
     * grid, then its real columns are copied out row by row.
     */
    private void paddedGroup(float[] x, int xBase, int gi, float[] dst, int dstBase, int threads) {
        Window2d g = plan.window();
        int go = plan.groupOut();
        int k = plan.depth();
        int pw = PaddedPlanes.gridWidth(g);
        int grid = g.outH() * pw;
        float[] pad = Workspace.floats(Workspace.PADDED, PaddedPlanes.length(g, plan.groupIn()));
        PaddedPlanes b = PaddedPlanes.of(x, xBase, plan.groupIn(), g, pad);
        float[] wide = Workspace.floats(Workspace.WIDE, go * grid);
        Sgemm.multiply(
                go, grid, k, weights, gi * go * k, k, b, new MatrixOut(wide, 0, grid, 1), groupEpilogues[gi], threads);
        int outW = g.outW();
        for (int co = 0; co < go; co++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                System.arraycopy(wide, co * grid + oh * pw, dst, dstBase + (co * g.outH() + oh) * outW, outW);
            }
        }
    }

    /** Planar copy of one NHWC image: {@code dst[base + ch * pixels + p] = src[base + p * channels + ch]}. */
    private static void transpose(float[] src, int base, int pixels, int channels, float[] dst) {
        transpose(src, base, pixels, channels, dst, base);
    }

    /** {@code dst[dstBase + j * rows + i] = src[srcBase + i * cols + j]} for a rows x cols matrix. */
    private static void transpose(float[] src, int srcBase, int rows, int cols, float[] dst, int dstBase) {
        for (int i = 0; i < rows; i++) {
            int s = srcBase + i * cols;
            for (int j = 0; j < cols; j++) {
                dst[dstBase + j * rows + i] = src[s + j];
            }
        }
    }
}
