package dev.vela.samples.nativenpu;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * int8 Transpose (ONNX; TFLite TRANSPOSE): output axis {@code i} is input axis {@code perm[i]},
 * {@code perm} defaulting to the reversed axes, rank up to 6. Values move unchanged, so a per-tensor
 * quantized input keeps its parameters. Runs as a strided copy: axes consecutive in both layouts are
 * merged, and when the output's last axis is short (the NCHW -> NHWC of an RGB image) the innermost
 * loop runs the axis the input holds contiguously.
 *
 * @since 0.1
 */
final class TransposeFactory extends NpuFactory<TransposeFactory.Spec> {

    private static final int MAX_RANK = 6;

    /** Resolved transpose: output dims and, per output axis, the input stride. */
    record Spec(int[] outDims, long[] inStride, List<TensorType> inputs, TensorType output) {}

    TransposeFactory(Isa isa) {
        super("Transpose", Layout.ANY, isa);
    }

    @Override
    Spec analyze(Node node) {
        Int8Types.inputCount(node, 1, 1);
        TensorType x = node.inputType(0);
        if (x.dataType() != DataType.INT8) {
            throw new InvalidNodeException(
                    node, "input 0 is " + x.dataType().label() + ": this provider runs int8 only");
        }
        if (x.quantization().filter(q -> q.isPerAxis()).isPresent()) {
            throw new InvalidNodeException(node, "per-axis quantized input " + x + " is not supported");
        }
        int rank = x.shape().rank();
        if (rank > MAX_RANK) {
            throw new InvalidNodeException(node, "rank " + rank + " is above the supported " + MAX_RANK);
        }
        int[] perm = node.attributes().getInts("perm", reversed(rank));
        boolean[] seen = new boolean[rank];
        boolean ok = perm.length == rank;
        for (int i = 0; ok && i < rank; i++) {
            ok = perm[i] >= 0 && perm[i] < rank && !seen[perm[i]];
            if (ok) {
                seen[perm[i]] = true;
            }
        }
        if (!ok) {
            throw new InvalidNodeException(
                    node, "perm " + Arrays.toString(perm) + " is not a permutation of the " + rank + " input axes");
        }
        int[] inStrides = x.shape().strides();
        int[] outDims = new int[rank];
        long[] stride = new long[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = x.shape().dim(perm[i]);
            stride[i] = inStrides[perm[i]];
        }
        if (node.outputDataType(0).isPresent() && node.outputDataType(0).get() != DataType.INT8) {
            throw new InvalidNodeException(
                    node, "the graph declares a " + node.outputDataType(0).get().label() + " output: int8 only");
        }
        return new Spec(outDims, stride, List.of(x), x.withShape(Shape.of(outDims)));
    }

    private static int[] reversed(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = rank - 1 - i;
        }
        return p;
    }

    @Override
    Kernel build(Node node, Spec spec) {
        long plan = NpuNative.npu_transpose_create(spec.outDims().length, spec.outDims(), spec.inStride());
        return new NativeKernel(plan, spec.inputs(), spec.output(), node.describe()) {
            @Override
            void run(long handle, ByteBuffer[] inputs, ByteBuffer output, ByteBuffer scratch) {
                NpuNative.npu_transpose_run(handle, inputs[0], output);
            }
        };
    }
}
