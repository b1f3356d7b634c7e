package dev.vela.reference.quantized;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * QuantizeLinear in two forms.
 *
 * <ul>
 *   <li>ONNX (inputs x, y_scale[, y_zero_point]): {@code y = saturate(rint(x / y_scale) + zp)} with
 *       round-half-to-even in float32, per tensor, per axis ({@code axis}) or blocked ({@code block_size}); the output type is
 *       y_zero_point's (uint8 when absent, or {@code output_dtype}).</li>
 *   <li>TFLite QUANTIZE (input x only, output parameters in {@code output_scale} /
 *       {@code output_zero_point} / {@code output_dtype}): float input as TFLite's
 *       {@code AffineQuantize} ({@code roundf(x / scale) + zp}, halves away from zero); an int8,
 *       uint8, int16 or int32 quantized input is requantized like TFLite's {@code Requantize}
 *       (fixed-point multiplier {@code s_in / s_out}); int32 in or out as TFLM allows.</li>
 * </ul>
 */
public final class QuantizeLinear extends ReferenceKernelFactory {

    private static final Set<DataType> INPUTS = EnumSet.of(
            DataType.FLOAT32,
            DataType.FLOAT16,
            DataType.FLOAT64,
            DataType.BFLOAT16,
            DataType.INT8,
            DataType.UINT8,
            DataType.INT16,
            DataType.INT32);
    /** TFLM QUANTIZE also requantizes int32 (and to int32). */
    private static final Set<DataType> REQUANTIZE_TYPES =
            EnumSet.of(DataType.INT8, DataType.UINT8, DataType.INT16, DataType.INT32);
    /** ONNX outputs; int4/uint4 (opset 21) saturate to [-8, 7] / [0, 15] and are stored packed. */
    private static final Set<DataType> OUTPUTS =
            EnumSet.of(DataType.INT4, DataType.UINT4, DataType.INT8, DataType.UINT8, DataType.INT16, DataType.UINT16);

    /** Creates the factory. */
    public QuantizeLinear() {
        super("QuantizeLinear", INPUTS);
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
        return onnxForm ? prepareOnnx(node, x) : prepareTflite(node, x);
    }

    private Kernel prepareOnnx(Node node, TensorType x) {
        if (!x.dataType().isFloatingPoint()) {
            throw new InvalidNodeException(
                    node,
                    "ONNX QuantizeLinear takes a floating-point input, got "
                            + x.dataType().label());
        }
        AxisParameters axis = AxisParameters.of(node, x.shape(), 1);
        axis.checkZeroPoint(node, 2);
        boolean hasZp = node.inputCount() > 2 && node.hasInput(2);
        DataType outType = hasZp ? node.inputType(2).dataType() : QuantizedTensors.outputDataType(node, DataType.UINT8);
        if (!OUTPUTS.contains(outType)) {
            throw new InvalidNodeException(
                    node,
                    "output type " + outType.label() + " is not supported, supported: "
                            + QuantizedTensors.labels(OUTPUTS));
        }
        TensorType out = constantQuantization(node, axis, hasZp)
                .map(q -> TensorType.quantized(outType, x.shape(), q))
                .orElse(TensorType.of(outType, x.shape()));
        int lo = QuantizedTensors.min(outType);
        int hi = QuantizedTensors.max(outType);
        return FunctionKernel.of(out, inv -> {
            double[] v = Elements.doubles(inv.input(0));
            double[] scales = AxisParameters.values(inv.input(1));
            long[] zps = hasZp ? Elements.longs(inv.input(2)) : new long[axis.count];
            int[] y = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                int p = axis.parameterOf(i);
                float q = (float) v[i] / (float) scales[p];
                double r = Math.rint(q) + zps[p];
                y[i] = (int) Math.max(lo, Math.min(hi, r));
            }
            IntArrays.write(inv.output(0), y);
        });
    }

    private static Optional<Quantization> constantQuantization(Node node, AxisParameters axis, boolean hasZp) {
        Optional<Tensor> s = node.inputValue(1);
        Optional<Tensor> z = hasZp ? node.inputValue(2) : Optional.empty();
        if (s.isEmpty() || hasZp && z.isEmpty() || node.attributes().getLong("block_size", 0) != 0) {
            return Optional.empty();
        }
        double[] scales = Elements.doubles(s.get());
        long[] zps = hasZp ? Elements.longs(z.get()) : new long[scales.length];
        float[] fs = new float[scales.length];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = (float) scales[i];
            if (!(fs[i] > 0) || Float.isInfinite(fs[i])) {
                throw new InvalidNodeException(node, "scale must be positive and finite, got " + scales[i]);
            }
        }
        return Optional.of(
                axis.axis < 0 ? Quantization.perTensor(fs[0], zps[0]) : Quantization.perAxis(axis.axis, fs, zps));
    }

    private Kernel prepareTflite(Node node, TensorType x) {
        TensorType out =
                QuantizedTensors.output(node, x.dataType().isFloatingPoint() ? DataType.INT8 : x.dataType(), x.shape());
        Quantization qy = out.quantization().orElseThrow();
        QuantizedTensors.checkZeroPoint(node, "output", qy.zeroPoint(), out.dataType());
        int lo = QuantizedTensors.min(out.dataType());
        int hi = QuantizedTensors.max(out.dataType());
        int yZero = (int) qy.zeroPoint();
        if (x.dataType().isFloatingPoint()) {
            float scale = qy.scale();
            return FunctionKernel.of(out, inv -> {
                double[] v = Elements.doubles(inv.input(0));
                int[] y = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    // TFLite AffineQuantize: float division, roundf, then clamp
                    float r = FixedPoint.round((float) v[i] / scale);
                    double q = (double) r + yZero;
                    y[i] = (int) Math.max(lo, Math.min(hi, q));
                }
                IntArrays.write(inv.output(0), y);
            });
        }
        QuantizedTensors.activation(node, 0, REQUANTIZE_TYPES);
        if (!REQUANTIZE_TYPES.contains(out.dataType())) {
            throw new InvalidNodeException(
                    node, "requantize output type " + out.dataType().label() + " is not supported");
        }
        Quantization qx = QuantizedTensors.perTensor(node, 0);
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier((double) qx.scale() / (double) qy.scale());
        int xZero = (int) qx.zeroPoint();
        return FunctionKernel.of(out, inv -> {
            int[] v = IntArrays.read(inv.input(0));
            int[] y = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                int r = FixedPoint.multiplyByQuantizedMultiplier(v[i] - xZero, m.multiplier(), m.shift()) + yZero;
                y[i] = Math.max(lo, Math.min(hi, r));
            }
            IntArrays.write(inv.output(0), y);
        });
    }
}
