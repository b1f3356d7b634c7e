package dev.vela.samples.nativenpu;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * int8 Pad in mode {@code constant} (TFLite PAD / PADV2), opset 11 and later: constant int64 pads
 * [begin..., end...] (negative ones crop), an optional constant int8 fill value (default 0, the raw
 * byte: TFLite models give the zero point explicitly) and optional constant axes. Values are moved,
 * never rescaled, so a per-tensor quantized input keeps its parameters. Runs as row copies between
 * fills after merging every unpadded dimension into its outer neighbour.
 *
 * @since 0.1
 */
final class PadFactory extends NpuFactory<PadFactory.Spec> {

    private static final int MAX_RANK = 6;

    /** Resolved Pad: per dimension (right-aligned to six) input size, output size and leading pad. */
    record Spec(int[] in, int[] out, int[] begin, int value, List<TensorType> inputs, TensorType output) {}

    PadFactory(Isa isa) {
        super("Pad", Layout.ANY, isa);
    }

    @Override
    Spec analyze(Node node) {
        if (node.opsetVersion() < 11) {
            throw new InvalidNodeException(node, "pads given as attributes (opset < 11) are not supported");
        }
        Int8Types.inputCount(node, 2, 4);
        String mode = node.attributes().getString("mode", "constant");
        if (!mode.equals("constant")) {
            throw new InvalidNodeException(node, "mode '" + mode + "' is not supported (constant only)");
        }
        TensorType x = node.inputType(0);
        if (x.dataType() != DataType.INT8) {
            throw new InvalidNodeException(
                    node, "input 0 is " + x.dataType().label() + ": this provider runs int8 only");
        }
        Shape xs = x.shape();
        int rank = xs.rank();
        if (rank > MAX_RANK) {
            throw new InvalidNodeException(node, "rank " + rank + " is above the supported " + MAX_RANK);
        }
        long[] pads = pads(node, rank);
        int[] in = new int[MAX_RANK];
        int[] out = new int[MAX_RANK];
        int[] begin = new int[MAX_RANK];
        Arrays.fill(in, 1);
        Arrays.fill(out, 1);
        int[] outDims = new int[rank];
        for (int d = 0; d < rank; d++) {
            long b = pads[d];
            long e = pads[rank + d];
            long kept = xs.dim(d) - Math.max(0, -b) - Math.max(0, -e);
            long size = xs.dim(d) + b + e;
            if (kept < 0 || size < 0) {
                throw new InvalidNodeException(
                        node, "pads " + Arrays.toString(pads) + " crop more than input " + xs + " holds");
            }
            if (size > Integer.MAX_VALUE || Math.abs(b) > Integer.MAX_VALUE) {
                throw new InvalidNodeException(node, "pads " + Arrays.toString(pads) + " are too large");
            }
            int at = MAX_RANK - rank + d;
            in[at] = xs.dim(d);
            out[at] = (int) size;
            begin[at] = (int) b;
            outDims[d] = (int) size;
        }
        Shape outShape = Shape.of(outDims);
        long elements = 1;
        for (int d : outDims) {
            elements *= d;
            if (elements > Integer.MAX_VALUE) {
                throw new InvalidNodeException(node, "output " + Arrays.toString(outDims) + " is too large");
            }
        }
        TensorType output = x.quantization().filter(q -> !q.isPerAxis()).isPresent()
                ? x.withShape(outShape)
                : TensorType.of(DataType.INT8, outShape);
        return new Spec(in, out, begin, fill(node), List.of(x), output);
    }

    /** @return [begin..., end...] for every dimension, from the pads and the optional axes */
    private static long[] pads(Node node, int rank) {
        long[] given = longs(Int8Types.constant(node, 1, DataType.INT64, "pads"));
        int[] axes;
        if (node.inputCount() > 3 && node.hasInput(3)) {
            DataType t = node.inputType(3).dataType();
            if (t != DataType.INT64 && t != DataType.INT32) {
                throw new InvalidNodeException(node, "axes (input 3) must be int64 or int32, got " + t.label());
            }
            long[] a = longs(Int8Types.constant(node, 3, t, "axes"));
            axes = new int[a.length];
            boolean[] seen = new boolean[rank];
            for (int i = 0; i < a.length; i++) {
                if (a[i] < -rank || a[i] >= rank) {
                    throw new InvalidNodeException(node, "axis " + a[i] + " is outside rank " + rank);
                }
                axes[i] = (int) Math.floorMod(a[i], (long) rank);
                if (seen[axes[i]]) {
                    throw new InvalidNodeException(node, "axis " + a[i] + " is repeated");
                }
                seen[axes[i]] = true;
            }
        } else {
            axes = new int[rank];
            for (int i = 0; i < rank; i++) {
                axes[i] = i;
            }
        }
        if (given.length != 2 * axes.length) {
            throw new InvalidNodeException(node, "pads has " + given.length + " values, expected " + 2 * axes.length);
        }
        long[] pads = new long[2 * rank];
        for (int i = 0; i < axes.length; i++) {
            pads[axes[i]] = given[i];
            pads[rank + axes[i]] = given[axes.length + i];
        }
        return pads;
    }

    private static int fill(Node node) {
        if (node.inputCount() <= 2 || !node.hasInput(2)) {
            return 0;
        }
        Tensor v = Int8Types.constant(node, 2, DataType.INT8, "constant_value");
        if (v.elementCount() != 1) {
            throw new InvalidNodeException(node, "constant_value must hold one value, has shape " + v.shape());
        }
        return v.bytes().get(0);
    }

    private static long[] longs(Tensor t) {
        long[] v = new long[t.elementCount()];
        ByteBuffer b = t.bytes().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; i++) {
            v[i] = t.dataType() == DataType.INT64 ? b.getLong(8 * i) : b.getInt(4 * i);
        }
        return v;
    }

    @Override
    Kernel build(Node node, Spec spec) {
        long plan = NpuNative.npu_pad_create(spec.in(), spec.out(), spec.begin(), spec.value());
        return new NativeKernel(plan, spec.inputs(), spec.output(), node.describe()) {
            @Override
            void run(long handle, ByteBuffer[] inputs, ByteBuffer output, ByteBuffer scratch) {
                NpuNative.npu_pad_run(handle, inputs[0], output);
            }
        };
    }
}
