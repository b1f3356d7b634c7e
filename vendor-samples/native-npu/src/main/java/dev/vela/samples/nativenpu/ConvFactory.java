package dev.vela.samples.nativenpu;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;
import java.util.List;

/**
 * int8 Conv in NHWC (TFLite CONV_2D, and DEPTHWISE_CONV_2D as {@code group == C}): X [N, H, W, C],
 * constant OHWI weights W [M, kH, kW, C / group] quantized symmetric per tensor or per channel on
 * axis 0, optional constant int32 bias [M]. Groups other than 1 and C are not supported.
 *
 * @since 0.1
 */
final class ConvFactory extends NpuFactory<ConvSpec> {

    ConvFactory(Isa isa) {
        super("Conv", Layout.NHWC, isa);
    }

    @Override
    ConvSpec analyze(Node node) {
        Int8Types.inputCount(node, 2, 3);
        if (Layout.of(node) != Layout.NHWC) {
            throw new InvalidNodeException(node, "this provider runs Conv in NHWC only (attribute data_format=NHWC)");
        }
        Quantization xq = Int8Types.activation(node, 0);
        Shape x = Int8Types.rank(node, 0, 4);
        Tensor w = Int8Types.constant(node, 1, DataType.INT8, "weights");
        Shape ws = w.shape();
        if (ws.rank() != 4) {
            throw new InvalidNodeException(node, "weights must be rank 4 (OHWI), got " + ws);
        }
        int m = ws.dim(0);
        int kH = ws.dim(1);
        int kW = ws.dim(2);
        int c = x.dim(3);
        int[] kernelShape = node.attributes().getInts("kernel_shape", new int[] {kH, kW});
        if (kernelShape.length != 2 || kernelShape[0] != kH || kernelShape[1] != kW) {
            throw new InvalidNodeException(
                    node, "kernel_shape " + java.util.Arrays.toString(kernelShape) + " does not match weights " + ws);
        }
        int group = node.attributes().getInt("group", 1);
        boolean depthwise = group != 1;
        if (group < 1 || c % group != 0 || m % group != 0 || ws.dim(3) != c / group) {
            throw new InvalidNodeException(node, "weights " + ws + " do not fit input " + x + " with group " + group);
        }
        if (depthwise && group != c) {
            throw new InvalidNodeException(
                    node,
                    "grouped convolution with 1 < group < C (group " + group + ", C " + c
                            + ") is not supported: only group 1 and depthwise (group == C)");
        }
        if (x.elementCount() == 0 || m == 0) {
            throw new InvalidNodeException(node, "empty tensors are not supported: input " + x + ", weights " + ws);
        }
        Window g = Window.of(node, x, kH, kW);
        float[] ws8 = WeightQuantization.scales(node, 1, m, 0);
        int[] bias =
                node.inputCount() > 2 && node.hasInput(2) ? WeightQuantization.bias(node, 2, xq.scale(), ws8) : null;
        TensorType out = Int8Types.output(node, g.outputShape(m), null);
        Quantization yq = out.quantization().orElseThrow();
        int[] mult = new int[m];
        int[] shift = new int[m];
        for (int i = 0; i < m; i++) {
            // TFLite PopulateConvolutionQuantizationParams: the product in double
            int[] q = QuantMath.quantizeMultiplier((double) xq.scale() * (double) ws8[i] / (double) yq.scale());
            mult[i] = q[0];
            shift[i] = q[1];
        }
        ActivationRange range = QuantMath.int8ActivationRange(node, yq);
        byte[] weights = new byte[w.elementCount()];
        w.bytes().get(weights);
        int[] geometry = ConvSpec.geometry(
                g.batch(),
                g.inH(),
                g.inW(),
                c,
                m,
                kH,
                kW,
                g.strideH(),
                g.strideW(),
                g.dilationH(),
                g.dilationW(),
                g.padTop(),
                g.padLeft(),
                g.outH(),
                g.outW(),
                depthwise,
                (int) xq.zeroPoint(),
                (int) yq.zeroPoint(),
                range);
        return new ConvSpec(geometry, weights, bias, mult, shift, List.of(node.inputType(0)), out);
    }

    @Override
    Kernel build(Node node, ConvSpec spec) {
        return ConvKernel.create(isa, spec, node);
    }
}
