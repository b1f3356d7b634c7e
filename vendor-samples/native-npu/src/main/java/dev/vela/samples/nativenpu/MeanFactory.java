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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * int8 ReduceMean as TFLite's MEAN ({@code QuantizedMeanOrSum}): an int32 sum per output, the input
 * zero point times the count subtracted, and one fixed-point multiplier {@code s_in / s_out} folded
 * with 1/count ({@code (m << s) / count}, {@code s = min(floor(log2 count), 32, 31 + shift)}), then
 * the output zero point. Any set of axes from a constant input 1 or the {@code axes} attribute (none:
 * all), {@code keepdims} as ONNX (default 1). The usual case, the global average over H and W of an
 * NHWC map, reads each input row once and adds it into the channel sums.
 *
 * @since 0.1
 */
final class MeanFactory extends NpuFactory<MeanFactory.Spec> {

    private static final int MAX_RANK = 6;

    /** Resolved mean: input dims, which are reduced, and the folded requantization. */
    record Spec(
            int[] dims,
            int[] reduced,
            int zpInTimesCount,
            int multiplier,
            int shift,
            int zpOut,
            List<TensorType> inputs,
            TensorType output) {}

    MeanFactory(Isa isa) {
        super("ReduceMean", Layout.ANY, isa);
    }

    @Override
    Spec analyze(Node node) {
        Int8Types.inputCount(node, 1, 2);
        Quantization qi = Int8Types.activation(node, 0);
        Shape s = node.inputType(0).shape();
        int rank = s.rank();
        if (rank > MAX_RANK) {
            throw new InvalidNodeException(node, "rank " + rank + " is above the supported " + MAX_RANK);
        }
        long[] axes = axes(node);
        if (axes.length == 0 && node.attributes().getLong("noop_with_empty_axes", 0) != 0) {
            throw new InvalidNodeException(node, "noop_with_empty_axes=1 with no axes is not supported");
        }
        int[] reduced = new int[rank];
        for (long a : axes) {
            long d = a < 0 ? a + rank : a;
            if (d < 0 || d >= rank) {
                throw new InvalidNodeException(node, "axis " + a + " is out of range for rank " + rank);
            }
            reduced[(int) d] = 1;
        }
        if (axes.length == 0) {
            Arrays.fill(reduced, 1);
        }
        boolean keep = node.attributes().getLong("keepdims", 1) != 0;
        int[] outDims = new int[rank];
        int outRank = 0;
        long count = 1;
        for (int d = 0; d < rank; d++) {
            if (reduced[d] == 1) {
                count *= s.dim(d);
                if (keep) {
                    outDims[outRank++] = 1;
                }
            } else {
                outDims[outRank++] = s.dim(d);
            }
        }
        Shape outShape = Shape.of(Arrays.copyOf(outDims, outRank));
        TensorType out = Int8Types.output(node, outShape, qi);
        Quantization qo = out.quantization().orElseThrow();
        if (qo.count() != 1) {
            throw new InvalidNodeException(node, "output must be quantized per tensor, got " + qo);
        }
        int[] base = QuantMath.quantizeMultiplier((double) qi.scale() / (double) qo.scale());
        int multiplier = base[0];
        int shift = base[1];
        if (count > 0) { // TFLite folds 1/count into the multiplier, keeping as many bits as it can
            int s2 = Math.min(Math.min(63 - Long.numberOfLeadingZeros(count), 32), 31 + shift);
            multiplier = (int) (((long) multiplier << s2) / count);
            shift -= s2;
        }
        if (shift > 31 || shift < -31) {
            throw new InvalidNodeException(
                    node, "input/output scale ratio " + qi.scale() / qo.scale() + " needs a shift beyond 31");
        }
        int zpIn = (int) qi.zeroPoint();
        return new Spec(
                s.dims(),
                reduced,
                zpIn * (int) count, // int32 wrap-around as the reference's sum - zp * n
                multiplier,
                shift,
                (int) qo.zeroPoint(),
                List.of(node.inputType(0)),
                out);
    }

    private static long[] axes(Node node) {
        if (node.inputCount() > 1 && node.hasInput(1)) {
            DataType t = node.inputType(1).dataType();
            if (t != DataType.INT64 && t != DataType.INT32) {
                throw new InvalidNodeException(node, "axes (input 1) must be int64 or int32, got " + t.label());
            }
            Tensor a = Int8Types.constant(node, 1, t, "axes");
            long[] v = new long[a.elementCount()];
            ByteBuffer b = a.bytes().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < v.length; i++) {
                v[i] = t == DataType.INT64 ? b.getLong(8 * i) : b.getInt(4 * i);
            }
            return v;
        }
        return node.attributes().getLongs("axes", new long[0]);
    }

    @Override
    Kernel build(Node node, Spec spec) {
        long plan = NpuNative.npu_mean_create(
                spec.dims().length,
                spec.dims(),
                spec.reduced(),
                spec.zpInTimesCount(),
                spec.multiplier(),
                spec.shift(),
                spec.zpOut());
        return new NativeKernel(plan, spec.inputs(), spec.output(), node.describe()) {
            @Override
            void run(long handle, ByteBuffer[] inputs, ByteBuffer output, ByteBuffer scratch) {
                NpuNative.npu_mean_run(handle, inputs[0], output, scratch);
            }
        };
    }
}
