package dev.vela.reference.quantized;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * DequantizeLinear: {@code y = (x - zero_point) * scale} in float32 (exact integer difference, one
 * rounding, which is also what TFLite's DEQUANTIZE produces). ONNX form with inputs x, x_scale[,
 * x_zero_point] (per tensor or per {@code axis}; the output takes x_scale's float type), or
 * TFLite form with input x only, using the quantization on x's type (per tensor or per axis).
 */
public final class DequantizeLinear extends ReferenceKernelFactory {

    /** int4/uint4 (packed two per byte, opset 21) as ONNX and TFLite's INT4 weights. */
    private static final Set<DataType> INPUTS = EnumSet.of(
            DataType.INT4,
            DataType.UINT4,
            DataType.INT8,
            DataType.UINT8,
            DataType.INT16,
            DataType.UINT16,
            DataType.INT32);

    /** Creates the factory. */
    public DequantizeLinear() {
        super("DequantizeLinear", INPUTS);
    }

    @Override
    public Kernel prepare(Node node) {
        if (node.inputCount() < 1 || !node.hasInput(0) || node.inputCount() > 3) {
            throw new InvalidNodeException(node, "expects 1..3 inputs, got " + node.inputCount());
        }
        TensorType x = node.inputType(0);
        if (!INPUTS.contains(x.dataType())) {
            throw new InvalidNodeException(
                    node,
                    "input 0 has type " + x.dataType().label() + ", supported: " + QuantizedTensors.labels(INPUTS));
        }
        boolean onnxForm = node.inputCount() > 1 && node.hasInput(1);
        if (!onnxForm) {
            Quantization q = x.quantization()
                    .orElseThrow(() -> new InvalidNodeException(
                            node, "input 0 (" + x + ") has no quantization parameters and no scale input"));
            int inner = 1;
            if (q.isPerAxis()) {
                for (int d = q.axis() + 1; d < x.shape().rank(); d++) {
                    inner *= x.shape().dim(d);
                }
            }
            int count = q.count();
            int innerSize = inner;
            float[] scales = q.scales();
            long[] zps = q.zeroPoints();
            return FunctionKernel.of(TensorType.of(DataType.FLOAT32, x.shape()), inv -> {
                int[] v = IntArrays.read(inv.input(0));
                float[] y = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    int p = count == 1 ? 0 : (i / innerSize) % count;
                    y[i] = (float) (v[i] - zps[p]) * scales[p];
                }
                Elements.put(inv.output(0), y);
            });
        }
        AxisParameters axis = AxisParameters.of(node, x.shape(), 1);
        axis.checkZeroPoint(node, 2);
        boolean hasZp = node.inputCount() > 2 && node.hasInput(2);
        if (hasZp && node.inputType(2).dataType() != x.dataType()) {
            throw new InvalidNodeException(
                    node,
                    "zero point type " + node.inputType(2).dataType().label() + " differs from input type "
                            + x.dataType().label());
        }
        DataType outType = node.inputType(1).dataType();
        if (!outType.isFloatingPoint()) {
            throw new InvalidNodeException(node, "scale must be floating point, got " + outType.label());
        }
        return FunctionKernel.of(TensorType.of(outType, x.shape()), inv -> {
            long[] v = Elements.longs(inv.input(0));
            double[] scales = AxisParameters.values(inv.input(1));
            long[] zps = hasZp ? Elements.longs(inv.input(2)) : new long[axis.count];
            double[] y = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                int p = axis.parameterOf(i);
                // float32 arithmetic as the ONNX reference: (float(x) - float(zp)) * scale
                y[i] = (float) ((float) v[i] - (float) zps[p]) * (float) scales[p];
            }
            Elements.putDoubles(inv.output(0), y);
        });
    }
}
