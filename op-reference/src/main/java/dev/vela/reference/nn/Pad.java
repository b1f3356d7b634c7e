package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

/**
 * ONNX Pad (opsets 1-25) on any fixed-width type, for any rank. Before opset 11 the pads
 * ({@code pads}, or opset 1's {@code paddings}) and the fill ({@code value}) are attributes;
 * from 11 they are inputs 1 and 2 and from 18 input 3 names the padded {@code axes}; these are
 * {@linkplain #valueInputs(Node) value inputs}. Pads are [begin..., end...]; negative ones crop.
 *
 * <p>Modes: {@code constant} (the fill value, default 0), {@code reflect} (mirror without
 * repeating the edge), {@code edge} (repeat the edge), {@code wrap} (opset 19+, periodic). Cropping
 * happens first; the other modes read the cropped tensor. Not layout-dependent.
 */
public final class Pad extends ReferenceKernelFactory {

    private enum Mode {
        CONSTANT,
        REFLECT,
        EDGE,
        WRAP
    }

    /** Creates the factory. */
    public Pad() {
        super("Pad", DataMovement.TYPES);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return node.opsetVersion() >= 11 ? Set.of(1, 3) : Set.of();
    }

    @Override
    public Kernel prepare(Node node) {
        boolean padsAreInputs = node.opsetVersion() >= 11;
        NodeChecks.inputCount(node, padsAreInputs ? 2 : 1, padsAreInputs ? 4 : 1);
        TensorType xType = NodeChecks.dataType(node, 0, DataMovement.TYPES);
        Shape xs = xType.shape();
        int rank = xs.rank();
        Mode mode = mode(node);
        int[] pads = padsAreInputs ? padsFromInputs(node, rank) : padsFromAttributes(node, rank);
        int[] outDims = new int[rank];
        int[] lo = new int[rank];
        int[] kept = new int[rank];
        for (int a = 0; a < rank; a++) {
            lo[a] = Math.max(0, -pads[a]);
            kept[a] = xs.dim(a) - lo[a] - Math.max(0, -pads[rank + a]);
            outDims[a] = xs.dim(a) + pads[a] + pads[rank + a];
            if (kept[a] < 0 || outDims[a] < 0) {
                throw new InvalidNodeException(
                        node, "pads " + Arrays.toString(pads) + " crop more than input " + xs + " holds");
            }
            boolean grows = pads[a] > 0 || pads[rank + a] > 0;
            if (mode != Mode.CONSTANT && grows && kept[a] == 0) {
                throw new InvalidNodeException(
                        node, "mode " + mode.name().toLowerCase() + " cannot pad empty axis " + a);
            }
        }
        Shape outShape = Shape.of(outDims);
        int[] source = sources(xs, outShape, pads, lo, kept, mode);
        DataType type = xType.dataType();
        // padding moves values, never rescales them: a per-tensor quantized input keeps its parameters (TFLite PAD)
        TensorType outType = xType.quantization().filter(q -> !q.isPerAxis()).isPresent()
                ? xType.withShape(outShape)
                : TensorType.of(type, outShape);
        if (!padsAreInputs) {
            Tensor fill = Tensor.allocate(TensorType.of(type, Shape.scalar()));
            float value = node.attributes().getFloat("value", 0f);
            if (type.isFloatingPoint()) {
                fill.setDouble(0, value);
            } else {
                fill.setLong(0, (long) value);
            }
            byte[] fillBytes = fill.toByteArray();
            return FunctionKernel.of(outType, inv -> copy(inv.input(0), inv.output(0), source, fillBytes));
        }
        if (node.hasInput(2)) {
            NodeChecks.sameDataType(node, 0, 2);
            if (node.inputType(2).elementCount() != 1) {
                throw new InvalidNodeException(
                        node,
                        "constant_value must hold one value, has shape "
                                + node.inputType(2).shape());
            }
        }
        int width = type.byteSize();
        return FunctionKernel.of(outType, inv -> copy(inv.input(0), inv.output(0), source, fillOf(inv, width)));
    }

    private static byte[] fillOf(Invocation inv, int width) {
        byte[] fill = new byte[width];
        if (inv.hasInput(2)) {
            inv.input(2).bytes().get(0, fill);
        }
        return fill;
    }

    private static Mode mode(Node node) {
        String m = node.attributes().getString("mode", "constant");
        return switch (m) {
            case "constant" -> Mode.CONSTANT;
            case "reflect" -> Mode.REFLECT;
            case "edge" -> Mode.EDGE;
            case "wrap" -> {
                if (node.opsetVersion() < 19) {
                    throw new InvalidNodeException(
                            node, "mode 'wrap' needs opset 19, the model declares " + node.opsetVersion());
                }
                yield Mode.WRAP;
            }
            default ->
                throw new InvalidNodeException(
                        node, "attribute 'mode' must be constant, reflect, edge or wrap, got '" + m + "'");
        };
    }

    private static int[] padsFromAttributes(Node node, int rank) {
        String name = node.attributes().has("pads") || !node.attributes().has("paddings") ? "pads" : "paddings";
        int[] pads = node.attributes().getInts(name);
        if (pads.length != 2 * rank) {
            throw new InvalidNodeException(
                    node, "attribute '" + name + "' has " + pads.length + " values, expected " + 2 * rank);
        }
        return pads;
    }

    private static int[] padsFromInputs(Node node, int rank) {
        NodeChecks.dataType(node, 1, Set.of(DataType.INT64));
        long[] given = Elements.longs(NodeChecks.constant(node, 1));
        int[] axes;
        if (node.hasInput(3)) {
            NodeChecks.dataType(node, 3, Set.of(DataType.INT64, DataType.INT32));
            long[] a = Elements.longs(NodeChecks.constant(node, 3));
            axes = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                axes[i] = NodeChecks.axis(node, a[i], rank);
            }
        } else {
            axes = new int[rank];
            Arrays.setAll(axes, i -> i);
        }
        if (given.length != 2 * axes.length) {
            throw new InvalidNodeException(node, "pads hold " + given.length + " values, expected " + 2 * axes.length);
        }
        int[] pads = new int[2 * rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            if (seen[axes[i]]) {
                throw new InvalidNodeException(node, "axis " + axes[i] + " is repeated in axes");
            }
            seen[axes[i]] = true;
            pads[axes[i]] = Math.toIntExact(given[i]);
            pads[rank + axes[i]] = Math.toIntExact(given[axes.length + i]);
        }
        return pads;
    }

    /** For each output element, the input element it copies, or -1 for the fill value. */
    private static int[] sources(Shape in, Shape out, int[] pads, int[] lo, int[] kept, Mode mode) {
        int rank = in.rank();
        int[] inStrides = in.strides();
        int[] source = new int[out.elementCount()];
        int[] index = new int[rank];
        for (int k = 0; k < source.length; k++) {
            int src = 0;
            for (int a = 0; a < rank && src >= 0; a++) {
                int i = map(index[a] - Math.max(0, pads[a]), kept[a], mode);
                src = i < 0 ? -1 : src + (i + lo[a]) * inStrides[a];
            }
            source[k] = src;
            for (int a = rank - 1; a >= 0; a--) {
                if (++index[a] < out.dim(a)) {
                    break;
                }
                index[a] = 0;
            }
        }
        return source;
    }

    /** Index into an axis of {@code n} kept elements for position {@code i}, or -1 for the fill value. */
    private static int map(int i, int n, Mode mode) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (mode) {
            case CONSTANT -> -1;
            case EDGE -> i < 0 ? 0 : n - 1;
            case WRAP -> Math.floorMod(i, n);
            case REFLECT -> {
                if (n == 1) {
                    yield 0;
                }
                int period = 2 * (n - 1);
                int j = Math.floorMod(i, period);
                yield j < n ? j : period - j;
            }
        };
    }

    private static void copy(Tensor in, Tensor out, int[] source, byte[] fill) {
        int width = fill.length;
        ByteBuffer src = in.bytes();
        ByteBuffer dst = out.bytes();
        for (int k = 0; k < source.length; k++) {
            int s = source[k];
            for (int b = 0; b < width; b++) {
                dst.put(k * width + b, s < 0 ? fill[b] : src.get(s * width + b));
            }
        }
    }
}
