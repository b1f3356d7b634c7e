package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.spi.AttributeType;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import java.util.EnumSet;

/**
 * ONNX LpPool (opsets 1-22) in float32: {@code (sum |x|^p)^(1/p)} over each window, {@code p}
 * defaulting to 2; padding contributes zeros. {@code ceil_mode} and dilations from opset 18.
 */
public final class LpPool extends WindowPool {

    /** Creates the factory. */
    public LpPool() {
        super("LpPool", EnumSet.of(DataType.FLOAT32));
    }

    @Override
    boolean hasCeilMode(Node node) {
        return node.opsetVersion() >= 18;
    }

    @Override
    Kernel kernel(Node node, Plan plan) {
        // opset 1 declared p as a FLOAT, later opsets as an INT
        boolean floatP = node.attributes().has("p") && node.attributes().typeOf("p") == AttributeType.FLOAT;
        double p = floatP ? node.attributes().getFloat("p") : node.attributes().getInt("p", 2);
        if (!(p > 0)) {
            throw new InvalidNodeException(node, "attribute 'p' must be positive, got " + p);
        }
        return FunctionKernel.of(plan.outputType(), inv -> run(inv, plan, p));
    }

    private static void run(Invocation inv, Plan plan, double p) {
        double[] in = plan.input(inv);
        double[] out = new double[plan.y().batch * plan.y().batchStride];
        plan.walk(in, (values, offsets, positions, count, padded, n, c, outOffset) -> {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += Math.pow(Math.abs(values[offsets[i]]), p);
            }
            out[outOffset] = Math.pow(sum, 1.0 / p);
        });
        Elements.putDoubles(inv.output(0), out);
    }
}
