package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.List;

/**
 * ONNX DynamicQuantizeLinear: uint8 quantization of a float32 tensor with parameters computed
 * from its range (extended to include 0): {@code y_scale = (max - min) / 255},
 * {@code y_zero_point = rint(clip(-min / y_scale, 0, 255))}, {@code y = clip(rint(x / y_scale) + zp)},
 * all in float32 with round-half-to-even as the ONNX reference. Outputs y, y_scale, y_zero_point.
 */
public final class DynamicQuantizeLinear extends ReferenceKernelFactory {

    /** Creates the factory. */
    public DynamicQuantizeLinear() {
        super("DynamicQuantizeLinear", EnumSet.of(DataType.FLOAT32));
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType x = NodeChecks.dataType(node, 0, EnumSet.of(DataType.FLOAT32));
        return FunctionKernel.of(
                List.of(
                        TensorType.of(DataType.UINT8, x.shape()),
                        TensorType.of(DataType.FLOAT32, Shape.of()),
                        TensorType.of(DataType.UINT8, Shape.of())),
                DynamicQuantizeLinear::invoke);
    }

    private static void invoke(Invocation inv) {
        float[] x = new float[inv.input(0).elementCount()];
        inv.input(0).floats().get(x);
        float max = 0f;
        float min = 0f;
        for (float v : x) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        float scale = (max == min ? 1f : max - min) / 255f;
        float initialZero = 0f - min / scale;
        float zero = (float) Math.rint(Math.max(0f, Math.min(255f, initialZero)));
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double q = Math.rint(x[i] / scale) + zero;
            y[i] = (int) Math.max(0, Math.min(255, q));
        }
        IntArrays.write(inv.output(0), y);
        inv.output(1).floats().put(0, scale);
        inv.output(2).setLong(0, (long) zero);
    }
}
