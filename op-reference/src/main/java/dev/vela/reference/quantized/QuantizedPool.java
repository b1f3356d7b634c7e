package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;

/**
 * AveragePool and MaxPool on int8 / uint8 / int16 as TFLite's quantized reference pooling: the
 * window covers in-bounds inputs only (padding is not counted), the average rounds half away
 * from zero ({@code (acc +- count / 2) / count}), then the fused activation clamps. Input and
 * output share their quantization (TFLite requires it).
 */
public final class QuantizedPool extends ReferenceKernelFactory {

    private final boolean average;

    /** @param opName "AveragePool" or "MaxPool" */
    public QuantizedPool(String opName) {
        super(opName, QuantizedTensors.ACTIVATION_TYPES, Layout.NHWC, Layout.NCHW);
        this.average = opName.equals("AveragePool");
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        if (node.outputCount() > 1) {
            throw new InvalidNodeException(node, "quantized MaxPool does not produce indices");
        }
        TensorType in = QuantizedTensors.activation(node, 0, QuantizedTensors.ACTIVATION_TYPES);
        Quantization qi = QuantizedTensors.perTensor(node, 0);
        int[] k = node.attributes().getInts("kernel_shape", null);
        if (k == null || k.length != 2) {
            throw new InvalidNodeException(node, "attribute 'kernel_shape' must hold [kH, kW]");
        }
        if (node.attributes().getLong("ceil_mode", 0) != 0) {
            throw new InvalidNodeException(node, "ceil_mode=1 is not supported by the quantized pool");
        }
        if (average && node.attributes().getLong("count_include_pad", 0) != 0) {
            throw new InvalidNodeException(node, "count_include_pad=1 is not supported (TFLite excludes padding)");
        }
        ConvGeometry g = ConvGeometry.of(node, in.shape(), k[0], k[1]);
        TensorType out = QuantizedTensors.outputOrSame(node, in, g.outputShape(g.channels));
        Quantization qo = out.quantization().orElseThrow();
        if (out.dataType() != in.dataType()
                || Math.abs(qo.scale() - qi.scale()) > 1e-6
                || qo.zeroPoint() != qi.zeroPoint()) {
            throw new InvalidNodeException(
                    node, "pooling needs the same quantization on input and output, got " + in + " and " + out);
        }
        ActivationRange range = QuantizedTensors.activationRange(node, out);
        return FunctionKernel.of(out, inv -> invoke(inv, g, range));
    }

    private void invoke(Invocation inv, ConvGeometry g, ActivationRange range) {
        int[] x = IntArrays.read(inv.input(0));
        int[] inS = g.activationStrides(g.channels, g.inH, g.inW);
        int[] outS = g.activationStrides(g.channels, g.outH, g.outW);
        int[] y = new int[g.batch * g.channels * g.outH * g.outW];
        for (int n = 0; n < g.batch; n++) {
            for (int c = 0; c < g.channels; c++) {
                for (int oy = 0; oy < g.outH; oy++) {
                    int y0 = oy * g.strideH - g.padTop;
                    int ky0 = Math.max(0, -y0);
                    int ky1 = Math.min(g.kH, g.inH - y0);
                    for (int ox = 0; ox < g.outW; ox++) {
                        int x0 = ox * g.strideW - g.padLeft;
                        int kx0 = Math.max(0, -x0);
                        int kx1 = Math.min(g.kW, g.inW - x0);
                        int acc = average ? 0 : Integer.MIN_VALUE;
                        int count = 0;
                        for (int ky = ky0; ky < ky1; ky++) {
                            for (int kx = kx0; kx < kx1; kx++) {
                                int v = x[n * inS[0] + c * inS[1] + (y0 + ky) * inS[2] + (x0 + kx) * inS[3]];
                                acc = average ? acc + v : Math.max(acc, v);
                                count++;
                            }
                        }
                        if (count == 0) {
                            throw new IllegalStateException(
                                    "pooling window at (" + oy + ", " + ox + ") covers no input");
                        }
                        if (average) {
                            acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                        }
                        y[n * outS[0] + c * outS[1] + oy * outS[2] + ox * outS[3]] = range.clamp(acc);
                    }
                }
            }
        }
        IntArrays.write(inv.output(0), y);
    }
}
