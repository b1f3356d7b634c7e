package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX QLinearConv (NCHW, or NHWC via {@code data_format}): integer convolution of
 * {@code x - x_zero_point} and {@code w - w_zero_point[m]} plus the int32 bias, requantized as the
 * ONNX reference does ({@code rint(acc * (x_scale * w_scale[m] / y_scale) + y_zero_point)}, saturated).
 * Scales and zero points may be runtime inputs; weight parameters may be per output channel.
 */
public final class QLinearConv extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = EnumSet.of(DataType.INT8, DataType.UINT8);

    /** Creates the factory. */
    public QLinearConv() {
        super("QLinearConv", TYPES);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 8, 9);
        TensorType x = NodeChecks.dataType(node, 0, TYPES);
        NodeChecks.dataType(node, 3, TYPES);
        NodeChecks.sameDataType(node, 0, 2);
        NodeChecks.sameDataType(node, 3, 5);
        DataType outType = node.inputType(7).dataType();
        if (!TYPES.contains(outType)) {
            throw new InvalidNodeException(
                    node, "y_zero_point (input 7) must be int8 or uint8, got " + outType.label());
        }
        ConvCore core = ConvCore.of(node, x.shape(), node.inputType(3).shape());
        int m = core.outChannels;
        OnnxParameters.checkCount(node, 1, "x_scale", 1);
        OnnxParameters.checkCount(node, 2, "x_zero_point", 1);
        OnnxParameters.checkCount(node, 4, "w_scale", m);
        OnnxParameters.checkCount(node, 5, "w_zero_point", m);
        OnnxParameters.checkCount(node, 6, "y_scale", 1);
        OnnxParameters.checkCount(node, 7, "y_zero_point", 1);
        boolean hasBias = node.inputCount() > 8 && node.hasInput(8);
        if (hasBias) {
            NodeChecks.dataType(node, 8, EnumSet.of(DataType.INT32));
            if (node.inputType(8).shape().elementCount() != m) {
                throw new InvalidNodeException(
                        node,
                        "bias (input 8) must hold " + m + " values, got "
                                + node.inputType(8).shape());
            }
        }
        int[] channelOf = core.outputChannelOf();
        int lo = QuantizedTensors.min(outType);
        int hi = QuantizedTensors.max(outType);
        TensorType out = TensorType.of(outType, core.outputShape());
        return FunctionKernel.of(out, inv -> invoke(inv, core, channelOf, hasBias, lo, hi));
    }

    private static void invoke(Invocation inv, ConvCore core, int[] channelOf, boolean hasBias, int lo, int hi) {
        int m = core.outChannels;
        int xZero = OnnxParameters.ints(inv, 2, 1)[0];
        int[] wZero = OnnxParameters.ints(inv, 5, m);
        float xScale = OnnxParameters.floats(inv, 1, 1)[0];
        float[] wScale = OnnxParameters.floats(inv, 4, m);
        float yScale = OnnxParameters.floats(inv, 6, 1)[0];
        int yZero = OnnxParameters.ints(inv, 7, 1)[0];
        float[] multiplier = new float[m];
        for (int c = 0; c < m; c++) {
            multiplier[c] = xScale * wScale[c] / yScale;
        }
        long[] acc = core.accumulate(IntArrays.read(inv.input(0)), xZero, IntArrays.read(inv.input(3)), wZero);
        int[] bias = hasBias ? IntArrays.read(inv.input(8)) : new int[m];
        int[] y = new int[acc.length];
        for (int i = 0; i < acc.length; i++) {
            int c = channelOf[i];
            y[i] = OnnxParameters.requantize((int) acc[i] + bias[c], multiplier[c], yZero, lo, hi);
        }
        IntArrays.write(inv.output(0), y);
    }
}
