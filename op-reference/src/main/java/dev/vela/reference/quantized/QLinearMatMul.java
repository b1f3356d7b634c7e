package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.HalfFloats;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX QLinearMatMul: numpy-broadcast integer matrix product of {@code a - a_zero_point} and
 * {@code b - b_zero_point[j]}, requantized as the ONNX reference
 * ({@code rint(acc * (a_scale * b_scale / y_scale) + y_zero_point)}, saturated). The scale ratio
 * is evaluated in the scales' own float type (float16 scales round at every step, as numpy does).
 */
public final class QLinearMatMul extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = EnumSet.of(DataType.INT8, DataType.UINT8);

    /** Creates the factory. */
    public QLinearMatMul() {
        super("QLinearMatMul", TYPES);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 8, 8);
        TensorType a = NodeChecks.dataType(node, 0, TYPES);
        NodeChecks.dataType(node, 3, TYPES);
        NodeChecks.sameDataType(node, 0, 2);
        NodeChecks.sameDataType(node, 3, 5);
        DataType outType = node.inputType(7).dataType();
        if (!TYPES.contains(outType)) {
            throw new InvalidNodeException(
                    node, "y_zero_point (input 7) must be int8 or uint8, got " + outType.label());
        }
        MatMulCore core = MatMulCore.of(node, a.shape(), node.inputType(3).shape(), false);
        OnnxParameters.checkCount(node, 1, "a_scale", 1);
        OnnxParameters.checkCount(node, 2, "a_zero_point", 1);
        OnnxParameters.checkCount(node, 4, "b_scale", core.cols);
        OnnxParameters.checkCount(node, 5, "b_zero_point", core.cols);
        OnnxParameters.checkCount(node, 6, "y_scale", 1);
        OnnxParameters.checkCount(node, 7, "y_zero_point", 1);
        boolean half = node.inputType(1).dataType() == DataType.FLOAT16;
        int lo = QuantizedTensors.min(outType);
        int hi = QuantizedTensors.max(outType);
        return FunctionKernel.of(TensorType.of(outType, core.outputShape), inv -> invoke(inv, core, half, lo, hi));
    }

    private static float roundTo(float v, boolean half) {
        return half ? HalfFloats.float16ToFloat(HalfFloats.floatToFloat16(v)) : v;
    }

    private static void invoke(Invocation inv, MatMulCore core, boolean half, int lo, int hi) {
        int n = core.cols;
        int[] aZero = new int[core.rows];
        java.util.Arrays.fill(aZero, OnnxParameters.ints(inv, 2, 1)[0]);
        int[] bZero = OnnxParameters.ints(inv, 5, n);
        float aScale = OnnxParameters.floats(inv, 1, 1)[0];
        float[] bScale = OnnxParameters.floats(inv, 4, n);
        float yScale = OnnxParameters.floats(inv, 6, 1)[0];
        int yZero = OnnxParameters.ints(inv, 7, 1)[0];
        float[] multiplier = new float[n];
        for (int j = 0; j < n; j++) {
            multiplier[j] = roundTo(roundTo(aScale * bScale[j], half) / yScale, half);
        }
        long[] acc = core.accumulate(IntArrays.read(inv.input(0)), aZero, IntArrays.read(inv.input(3)), bZero);
        int[] y = new int[acc.length];
        for (int i = 0; i < acc.length; i++) {
            int j = core.columnOf(i);
            y[i] = OnnxParameters.requantize(acc[i], multiplier[j], yZero, lo, hi);
        }
        IntArrays.write(inv.output(0), y);
    }
}
