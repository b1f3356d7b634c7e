package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.NumericsFlavour;
import java.util.EnumSet;

/**
 * ONNX AveragePool (opsets 1-22) in float32: 1-D to 3-D, strides, explicit pads or
 * {@code auto_pad}, {@code ceil_mode} (opset 10+), dilations (opset 19+). The divisor is the number
 * of window elements inside the input ({@code count_include_pad} 0, the default) or inside the
 * padded input ({@code count_include_pad} 1); with {@code ceil_mode} a window reaching past the
 * end padding counts only what lies within it. The sum is in double; with the {@code tflite} numerics flavour
 * ({@link NumericsFlavour#of}) it is TFLite's float sum and float division instead.
 */
public final class AveragePool extends WindowPool {

    /** Creates the factory. */
    public AveragePool() {
        super("AveragePool", EnumSet.of(DataType.FLOAT32));
    }

    @Override
    boolean hasCeilMode(Node node) {
        return node.opsetVersion() >= 10;
    }

    @Override
    Kernel kernel(Node node, Plan plan) {
        boolean includePad = node.attributes().getInt("count_include_pad", 0) != 0;
        if (NumericsFlavour.of(node) == NumericsFlavour.TFLITE) {
            return FunctionKernel.of(plan.outputType(), inv -> runInTfliteOrder(inv, plan, includePad));
        }
        return FunctionKernel.of(plan.outputType(), inv -> run(inv, plan, includePad));
    }

    /**
     * TFLite 2.20's {@code reference_ops::AveragePool} (pooling.h): a float sum over the window's elements inside the
     * input, rows then columns (the walk's order), divided in float by the float count. A dynamic-range layer
     * downstream quantizes this on the fly, so it must be the same bits.
     */
    private static void runInTfliteOrder(Invocation inv, Plan plan, boolean includePad) {
        double[] in = plan.input(inv);
        double[] out = new double[plan.y().batch * plan.y().batchStride];
        plan.walk(in, (values, offsets, positions, count, padded, n, c, outOffset) -> {
            float total = 0f;
            for (int i = 0; i < count; i++) {
                total += (float) values[offsets[i]];
            }
            out[outOffset] = total / (float) (includePad ? padded : count);
        });
        Elements.putDoubles(inv.output(0), out);
    }

    private static void run(Invocation inv, Plan plan, boolean includePad) {
        double[] in = plan.input(inv);
        double[] out = new double[plan.y().batch * plan.y().batchStride];
        plan.walk(in, (values, offsets, positions, count, padded, n, c, outOffset) -> {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += values[offsets[i]];
            }
            out[outOffset] = sum / (includePad ? padded : count);
        });
        Elements.putDoubles(inv.output(0), out);
    }
}
