package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;
import java.util.EnumSet;
import java.util.Set;

/**
 * ConvTranspose on quantized tensors, bit-exact with TFLite's TRANSPOSE_CONV reference kernels
 * ({@code reference_integer_ops::TransposeConv}): int8 (int32 bias and accumulator) and 16x8
 * (int16 activations with zero point 0, 64-bit accumulator and bias, no output offset).
 *
 * <p>Weights [O, kH, kW, I] for NHWC nodes (TFLite's layout), [I, O, kH, kW] for NCHW (ONNX's);
 * symmetric per tensor or per output channel. Group 1, dilation 1. Output size from
 * {@code output_shape} (spatial [H, W]) or {@code stride * (in - 1) + output_padding + k - pads};
 * padding from {@code pads} [top, left, bottom, right] or {@code auto_pad} with ONNX's convention
 * (SAME_UPPER puts the odd pixel at the beginning; TFLite's SAME is SAME_LOWER here).
 */
public final class QuantizedConvTranspose extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = EnumSet.of(DataType.INT8, DataType.INT16);

    /** Creates the factory. */
    public QuantizedConvTranspose() {
        super("ConvTranspose", TYPES, Layout.NHWC, Layout.NCHW);
    }

    /** Resolved geometry: input and output sizes, kernel, strides, begin paddings. */
    private record Geometry(
            int batch,
            int inH,
            int inW,
            int inC,
            int outH,
            int outW,
            int outC,
            int kH,
            int kW,
            int strideH,
            int strideW,
            int padTop,
            int padLeft) {}

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 3);
        TensorType x = QuantizedTensors.activation(node, 0, TYPES);
        DataType xt = x.dataType();
        TensorType w = node.inputType(1);
        if (w.dataType() != DataType.INT8) {
            throw new InvalidNodeException(
                    node, "weights (input 1) must be int8, got " + w.dataType().label());
        }
        Layout layout = Layout.of(node);
        NodeChecks.rank(node, 0, 4);
        NodeChecks.rank(node, 1, 4);
        if (node.attributes().getInt("group", 1) != 1) {
            throw new InvalidNodeException(node, "quantized ConvTranspose supports group 1 only");
        }
        int[] dil = node.attributes().getInts("dilations", new int[] {1, 1});
        if (dil.length != 2 || dil[0] != 1 || dil[1] != 1) {
            throw new InvalidNodeException(node, "quantized ConvTranspose supports dilation 1 only");
        }
        Geometry g = geometry(node, layout, x.shape(), w.shape());
        ChannelQuantization wq = ChannelQuantization.ofWeights(node, 1, g.outC, layout == Layout.NHWC ? 0 : 1);
        wq.requireSymmetric(node, 1);
        Quantization xq = QuantizedTensors.perTensor(node, 0);
        Shape outShape = layout == Layout.NHWC
                ? Shape.of(g.batch, g.outH, g.outW, g.outC)
                : Shape.of(g.batch, g.outC, g.outH, g.outW);
        TensorType out = QuantizedTensors.output(node, xt, outShape);
        Quantization yq = out.quantization().orElseThrow();
        if (out.dataType() != xt) {
            throw new InvalidNodeException(
                    node, "output type " + out.dataType().label() + " must match the input type " + xt.label());
        }
        if (xt == DataType.INT16 && (xq.zeroPoint() != 0 || yq.zeroPoint() != 0)) {
            throw new InvalidNodeException(node, "int16 activations need zero point 0");
        }
        QuantizedTensors.checkZeroPoint(node, "input", xq.zeroPoint(), xt);
        QuantizedTensors.checkZeroPoint(node, "output", yq.zeroPoint(), out.dataType());
        boolean hasBias = node.inputCount() > 2 && node.hasInput(2);
        if (hasBias) {
            DataType bt = node.inputType(2).dataType();
            Set<DataType> allowed = xt == DataType.INT16
                    ? EnumSet.of(DataType.INT64, DataType.INT16, DataType.INT32)
                    : EnumSet.of(DataType.INT32);
            if (!allowed.contains(bt)) {
                throw new InvalidNodeException(
                        node,
                        "bias (input 2) has type " + bt.label() + ", supported: " + QuantizedTensors.labels(allowed));
            }
            wq.checkBias(node, 2, xq.scale());
        }
        FixedPoint.Multiplier[] mult = Requantize.convMultipliers(xq.scale(), wq.scales(), yq.scale(), false);
        ActivationRange range = QuantizedTensors.activationRange(node, out);
        int xZero = (int) xq.zeroPoint();
        int yZero = xt == DataType.INT16 ? 0 : (int) yq.zeroPoint();
        boolean wide = xt == DataType.INT16;
        boolean nhwc = layout == Layout.NHWC;
        return FunctionKernel.of(out, inv -> invoke(inv, g, nhwc, xZero, hasBias, mult, yZero, range, wide));
    }

    private static Geometry geometry(Node node, Layout layout, Shape x, Shape w) {
        boolean nhwc = layout == Layout.NHWC;
        int batch = x.dim(0);
        int inC = nhwc ? x.dim(3) : x.dim(1);
        int inH = nhwc ? x.dim(1) : x.dim(2);
        int inW = nhwc ? x.dim(2) : x.dim(3);
        int outC = nhwc ? w.dim(0) : w.dim(1);
        int wIn = nhwc ? w.dim(3) : w.dim(0);
        int kH = nhwc ? w.dim(1) : w.dim(2);
        int kW = nhwc ? w.dim(2) : w.dim(3);
        if (wIn != inC) {
            throw new InvalidNodeException(
                    node, "weights " + w + " expect " + wIn + " input channels, input " + x + " has " + inC);
        }
        int[] strides = node.attributes().getInts("strides", new int[] {1, 1});
        int[] outPad = node.attributes().getInts("output_padding", new int[] {0, 0});
        if (strides.length != 2 || strides[0] < 1 || strides[1] < 1 || outPad.length != 2) {
            throw new InvalidNodeException(node, "strides and output_padding must have two values");
        }
        int[] outputShape = node.attributes().getInts("output_shape", null);
        if (outputShape != null && outputShape.length != 2) {
            throw new InvalidNodeException(node, "output_shape must hold the spatial size [H, W]");
        }
        String autoPad = node.attributes().getString("auto_pad", "NOTSET");
        int fullH = strides[0] * (inH - 1) + outPad[0] + kH;
        int fullW = strides[1] * (inW - 1) + outPad[1] + kW;
        int outH;
        int outW;
        int top;
        int left;
        switch (autoPad) {
            case "SAME_UPPER", "SAME_LOWER" -> {
                outH = outputShape != null ? outputShape[0] : inH * strides[0];
                outW = outputShape != null ? outputShape[1] : inW * strides[1];
                int totalH = Math.max(fullH - outH, 0);
                int totalW = Math.max(fullW - outW, 0);
                boolean upper = autoPad.equals("SAME_UPPER");
                top = upper ? totalH - totalH / 2 : totalH / 2;
                left = upper ? totalW - totalW / 2 : totalW / 2;
            }
            case "NOTSET", "VALID" -> {
                int[] pads =
                        autoPad.equals("VALID") ? new int[4] : node.attributes().getInts("pads", new int[4]);
                if (pads.length != 4) {
                    throw new InvalidNodeException(node, "pads must hold [top, left, bottom, right]");
                }
                top = pads[0];
                left = pads[1];
                outH = outputShape != null ? outputShape[0] : fullH - pads[0] - pads[2];
                outW = outputShape != null ? outputShape[1] : fullW - pads[1] - pads[3];
            }
            default -> throw new InvalidNodeException(node, "unsupported auto_pad '" + autoPad + "'");
        }
        if (outH <= 0 || outW <= 0) {
            throw new InvalidNodeException(node, "output size " + outH + "x" + outW + " is empty");
        }
        return new Geometry(batch, inH, inW, inC, outH, outW, outC, kH, kW, strides[0], strides[1], top, left);
    }

    private static void invoke(
            Invocation inv,
            Geometry g,
            boolean nhwc,
            int xZero,
            boolean hasBias,
            FixedPoint.Multiplier[] mult,
            int yZero,
            ActivationRange range,
            boolean wide) {
        int[] x = IntArrays.read(inv.input(0));
        int[] w = IntArrays.read(inv.input(1));
        long[] bias = hasBias ? IntArrays.readLongs(inv.input(2)) : null;
        int outPlane = g.outH * g.outW;
        long[] acc = new long[g.batch * outPlane * g.outC];
        // scatter as TFLite does: every input pixel adds its weighted kernel into the output window
        for (int n = 0; n < g.batch; n++) {
            for (int iy = 0; iy < g.inH; iy++) {
                for (int ix = 0; ix < g.inW; ix++) {
                    for (int ic = 0; ic < g.inC; ic++) {
                        int xi = nhwc
                                ? ((n * g.inH + iy) * g.inW + ix) * g.inC + ic
                                : ((n * g.inC + ic) * g.inH + iy) * g.inW + ix;
                        int xv = x[xi] - xZero;
                        for (int ky = 0; ky < g.kH; ky++) {
                            int oy = iy * g.strideH - g.padTop + ky;
                            if (oy < 0 || oy >= g.outH) {
                                continue;
                            }
                            for (int kx = 0; kx < g.kW; kx++) {
                                int ox = ix * g.strideW - g.padLeft + kx;
                                if (ox < 0 || ox >= g.outW) {
                                    continue;
                                }
                                for (int oc = 0; oc < g.outC; oc++) {
                                    int wi = nhwc
                                            ? ((oc * g.kH + ky) * g.kW + kx) * g.inC + ic
                                            : ((ic * g.outC + oc) * g.kH + ky) * g.kW + kx;
                                    acc[((n * g.outH + oy) * g.outW + ox) * g.outC + oc] += (long) xv * w[wi];
                                }
                            }
                        }
                    }
                }
            }
        }
        int[] y = new int[acc.length];
        for (int n = 0; n < g.batch; n++) {
            for (int p = 0; p < outPlane; p++) {
                for (int oc = 0; oc < g.outC; oc++) {
                    long a = acc[(n * outPlane + p) * g.outC + oc];
                    FixedPoint.Multiplier m = mult[oc];
                    int scaled;
                    if (wide) {
                        scaled = FixedPoint.multiplyByQuantizedMultiplier(
                                a + (bias != null ? bias[oc] : 0), m.multiplier(), m.shift());
                    } else {
                        scaled = FixedPoint.multiplyByQuantizedMultiplier(
                                (int) a + (bias != null ? (int) bias[oc] : 0), m.multiplier(), m.shift());
                    }
                    int oi = nhwc ? (n * outPlane + p) * g.outC + oc : (n * g.outC + oc) * outPlane + p;
                    y[oi] = range.clamp(scaled + yZero);
                }
            }
        }
        IntArrays.write(inv.output(0), y);
    }
}
