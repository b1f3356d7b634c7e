package dev.vela.samples.nativenpu;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * int8 Softmax over the last axis, TFLite's fixed-point path: differences from the row maximum
 * scaled by beta * s_in into Q5.26, gemmlowp exp, a Q12.19 sum and its reciprocal. The output is
 * int8 with scale 1/256 and zero point -128 (TFLite requires exactly that).
 *
 * @since 0.1
 */
final class SoftmaxFactory extends NpuFactory<SoftmaxFactory.Spec> {

    private static final int SCALED_DIFF_INTEGER_BITS = 5;
    private static final Quantization OUTPUT = Quantization.perTensor(1f / 256f, -128);

    /** Resolved softmax. */
    record Spec(
            int rows,
            int depth,
            int multiplier,
            int leftShift,
            int diffMin,
            List<TensorType> inputs,
            TensorType output) {}

    SoftmaxFactory(Isa isa) {
        super("Softmax", Layout.ANY, isa);
    }

    @Override
    Spec analyze(Node node) {
        Int8Types.inputCount(node, 1, 1);
        Quantization qi = Int8Types.activation(node, 0);
        Shape x = node.inputType(0).shape();
        if (x.rank() == 0) {
            throw new InvalidNodeException(node, "softmax needs rank >= 1");
        }
        long axis = node.attributes().getLong("axis", -1);
        if (axis != -1 && axis != x.rank() - 1) {
            throw new InvalidNodeException(node, "only the last axis is supported, got axis " + axis);
        }
        TensorType out = Int8Types.output(node, x, OUTPUT);
        Quantization qo = out.quantization().orElseThrow();
        if (out.dataType() != DataType.INT8 || qo.scale() != 1f / 256f || qo.zeroPoint() != -128) {
            throw new InvalidNodeException(
                    node, "softmax output must be int8 with scale 1/256 and zero point -128, got " + qo);
        }
        float beta = node.attributes().getFloat("beta", 1f);
        // TFLite PreprocessSoftmaxScaling
        double real = Math.min((double) beta * (double) qi.scale() * (1 << (31 - SCALED_DIFF_INTEGER_BITS)), (double)
                ((1L << 31) - 1));
        int[] q = QuantMath.quantizeMultiplier(real);
        if (q[1] < 0) {
            throw new InvalidNodeException(
                    node, "beta * input scale is too small: TFLite needs a multiplier above one");
        }
        int diffMin = -(int) Math.floor(((1 << SCALED_DIFF_INTEGER_BITS) - 1)
                * (double) (1L << (31 - SCALED_DIFF_INTEGER_BITS))
                / (double) (1L << q[1]));
        int depth = x.dim(x.rank() - 1);
        int rows = depth == 0 ? 0 : x.elementCount() / depth;
        return new Spec(rows, depth, q[0], q[1], diffMin, List.of(node.inputType(0)), out);
    }

    @Override
    Kernel build(Node node, Spec spec) {
        long plan = NpuNative.npu_softmax_create(
                spec.rows(), spec.depth(), spec.multiplier(), spec.leftShift(), spec.diffMin());
        return new NativeKernel(plan, spec.inputs(), spec.output(), node.describe()) {
            @Override
            void run(long handle, ByteBuffer[] inputs, ByteBuffer output, ByteBuffer scratch) {
                NpuNative.npu_softmax_run(handle, inputs[0], output);
            }
        };
    }
}
