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
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;

/**
 * Conv on quantized tensors, bit-exact with TFLite's reference kernels: CONV_2D and
 * DEPTHWISE_CONV_2D ({@code group == C}) per-channel int8 ({@code reference_integer_ops::ConvPerChannel}),
 * 16x8 (int16 activations with zero point 0, int8 weights, int64 bias with a 64-bit
 * accumulator, or int32 bias with a 32-bit one, as TFLM chooses) and per-tensor uint8
 * ({@code reference_ops::Conv}, weights with a zero point).
 *
 * <p>Inputs: X, W (OHWI for NHWC, OIHW for NCHW; symmetric per-tensor or per-axis on axis 0),
 * optional B. Output quantization from {@code output_scale}/{@code output_zero_point}; fused
 * activation from {@code activation}/{@code activation_params}.
 */
public final class QuantizedConv extends ReferenceKernelFactory {

    /** Creates the factory. */
    public QuantizedConv() {
        super("Conv", QuantizedTensors.ACTIVATION_TYPES, Layout.NHWC, Layout.NCHW);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 3);
        TensorType x = QuantizedTensors.activation(node, 0, QuantizedTensors.ACTIVATION_TYPES);
        DataType xt = x.dataType();
        TensorType w = node.inputType(1);
        DataType expectedW = xt == DataType.UINT8 ? DataType.UINT8 : DataType.INT8;
        if (w.dataType() != expectedW) {
            throw new InvalidNodeException(
                    node,
                    "weights (input 1) must be " + expectedW.label() + " for " + xt.label() + " activations, got "
                            + w.dataType().label());
        }
        ConvCore core = ConvCore.of(node, x.shape(), w.shape());
        ChannelQuantization wq = ChannelQuantization.ofWeights(node, 1, core.outChannels, 0);
        Quantization xq = QuantizedTensors.perTensor(node, 0);
        TensorType out = QuantizedTensors.output(node, xt, core.outputShape());
        Quantization yq = out.quantization().orElseThrow();
        if (out.dataType() != xt) {
            throw new InvalidNodeException(
                    node, "output type " + out.dataType().label() + " must match the input type " + xt.label());
        }
        if (xt != DataType.UINT8) {
            wq.requireSymmetric(node, 1);
        } else if (w.quantization().orElseThrow().count() > 1) {
            throw new InvalidNodeException(node, "uint8 convolution needs per-tensor weight quantization");
        }
        if (xt == DataType.INT16 && (xq.zeroPoint() != 0 || yq.zeroPoint() != 0)) {
            throw new InvalidNodeException(
                    node,
                    "int16 activations need zero point 0 (input " + xq.zeroPoint() + ", output " + yq.zeroPoint()
                            + ")");
        }
        QuantizedTensors.checkZeroPoint(node, "input", xq.zeroPoint(), xt);
        QuantizedTensors.checkZeroPoint(node, "output", yq.zeroPoint(), out.dataType());
        boolean hasBias = node.inputCount() > 2 && node.hasInput(2);
        boolean wideAccumulator = xt == DataType.INT16;
        if (hasBias) {
            DataType bt = node.inputType(2).dataType();
            boolean ok = bt == DataType.INT32 || xt == DataType.INT16 && bt == DataType.INT64;
            if (!ok) {
                throw new InvalidNodeException(
                        node,
                        "bias (input 2) must be int32" + (xt == DataType.INT16 ? " or int64" : "") + ", got "
                                + bt.label());
            }
            wq.checkBias(node, 2, xq.scale());
            // TFLM: 16x8 with an int32 bias accumulates in int32, with int64 (or none) in int64
            wideAccumulator = xt == DataType.INT16 && bt == DataType.INT64;
        }
        FixedPoint.Multiplier[] multipliers =
                Requantize.convMultipliers(xq.scale(), wq.scales(), yq.scale(), xt == DataType.UINT8);
        ActivationRange range = QuantizedTensors.activationRange(node, out);
        int[] channelOf = core.outputChannelOf();
        int xZero = (int) xq.zeroPoint();
        int yZero = (int) yq.zeroPoint();
        int[] wZero = wq.zeroPoints();
        boolean wide = wideAccumulator;
        return FunctionKernel.of(
                out, inv -> invoke(inv, core, xZero, wZero, hasBias, multipliers, channelOf, yZero, range, wide));
    }

    private static void invoke(
            Invocation inv,
            ConvCore core,
            int xZero,
            int[] wZero,
            boolean hasBias,
            FixedPoint.Multiplier[] multipliers,
            int[] channelOf,
            int yZero,
            ActivationRange range,
            boolean wide) {
        long[] acc = core.accumulate(IntArrays.read(inv.input(0)), xZero, IntArrays.read(inv.input(1)), wZero);
        long[] bias = hasBias ? IntArrays.readLongs(inv.input(2)) : null;
        int[] y = new int[acc.length];
        for (int i = 0; i < acc.length; i++) {
            int m = channelOf[i];
            FixedPoint.Multiplier mult = multipliers[m];
            int scaled;
            if (wide) {
                long a = acc[i] + (bias != null ? bias[m] : 0);
                scaled = FixedPoint.multiplyByQuantizedMultiplier(a, mult.multiplier(), mult.shift());
            } else {
                int a = (int) acc[i] + (bias != null ? (int) bias[m] : 0);
                scaled = FixedPoint.multiplyByQuantizedMultiplier(a, mult.multiplier(), mult.shift());
            }
            y[i] = range.clamp(scaled + yZero);
        }
        IntArrays.write(inv.output(0), y);
    }
}
