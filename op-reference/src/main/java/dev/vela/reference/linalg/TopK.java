package dev.vela.reference.linalg;

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
import java.util.List;
import java.util.Set;

/**
 * ONNX TopK: the {@code k} largest (or, with {@code largest=0} from opset 11, smallest) elements
 * along {@code axis} (default -1) and their int64 positions. {@code k} is an attribute before
 * opset 10 and a one-element int64 input from then on (a {@linkplain #valueInputs value input}:
 * it decides the output shape). Equal values keep the lower position first, as ONNX specifies.
 * The results are always sorted, which {@code sorted=0} (order unspecified) also allows. A NaN
 * sorts after every number in both directions, as numpy's sort puts it last.
 */
public final class TopK extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = DataTypes.union(DataTypes.FLOATS, DataTypes.INTEGERS);
    private static final int K_INPUT_SINCE = 10;

    /** Creates the factory. */
    public TopK() {
        super("TopK", TYPES);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return node.opsetVersion() >= K_INPUT_SINCE ? Set.of(1) : Set.of();
    }

    @Override
    public Kernel prepare(Node node) {
        boolean kInput = node.opsetVersion() >= K_INPUT_SINCE;
        NodeChecks.inputCount(node, kInput ? 2 : 1, kInput ? 2 : 1);
        TensorType in = NodeChecks.dataType(node, 0, TYPES);
        Shape shape = in.shape();
        int axis = NodeChecks.axis(node, node.attributes().getLong("axis", -1), shape.rank());
        long k = kInput ? kValue(node) : node.attributes().getLong("k");
        if (k < 0 || k > shape.dim(axis)) {
            throw new InvalidNodeException(
                    node,
                    "k=" + k + " is out of range for axis " + axis + " of " + shape + " (size " + shape.dim(axis)
                            + ")");
        }
        boolean largest = node.attributes().getLong("largest", 1) != 0;
        Shape outShape = shape.withDim(axis, (int) k);
        AxisSplit split = AxisSplit.along(shape, axis);
        boolean floating = in.dataType().isFloatingPoint();
        List<TensorType> outs =
                List.of(TensorType.of(in.dataType(), outShape), TensorType.of(DataType.INT64, outShape));
        return FunctionKernel.of(outs, inv -> invoke(inv, split, (int) k, largest, floating));
    }

    private static long kValue(Node node) {
        Tensor t = NodeChecks.constant(node, 1);
        if (t.dataType() != DataType.INT64 || t.elementCount() != 1) {
            throw new InvalidNodeException(node, "K must be an int64 tensor holding one value, got " + t.type());
        }
        return t.getLong(0);
    }

    private static void invoke(Invocation inv, AxisSplit split, int k, boolean largest, boolean floating) {
        Tensor in = inv.input(0);
        long[] keys = sortKeys(in, floating, largest);
        int n = split.n();
        int[] order = new int[n];
        int[] work = new int[n];
        long[] laneKeys = new long[n];
        int[] source = new int[split.lanes() * k];
        long[] positions = new long[source.length];
        for (int lane = 0; lane < split.lanes(); lane++) {
            int start = split.laneStart(lane);
            for (int i = 0; i < n; i++) {
                order[i] = i;
                laneKeys[i] = keys[start + i * split.inner()];
            }
            StableIndexSort.sort(order, laneKeys, work);
            // Output element j of this lane sits at the same outer/inner place, k wide instead of n.
            int outer = lane / split.inner();
            int innerPos = lane % split.inner();
            for (int j = 0; j < k; j++) {
                int out = (outer * k + j) * split.inner() + innerPos;
                source[out] = start + order[j] * split.inner();
                positions[out] = order[j];
            }
        }
        Elements.gather(in, inv.output(0), source);
        Elements.putLongs(inv.output(1), positions);
    }

    /**
     * Keys whose ascending order is the wanted output order: numbers in value order (reversed
     * for {@code largest}), NaN after all of them.
     */
    private static long[] sortKeys(Tensor in, boolean floating, boolean largest) {
        if (!floating) {
            long[] keys = DataTypes.orderedLongs(in);
            if (largest) {
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = ~keys[i];
                }
            }
            return keys;
        }
        double[] x = Elements.doubles(in);
        long[] keys = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                keys[i] = Long.MAX_VALUE;
                continue;
            }
            // Adding 0.0 turns -0.0 into 0.0, so the two compare equal as numbers do.
            long bits = Double.doubleToLongBits(x[i] + 0.0);
            long ordered = bits ^ ((bits >> 63) & Long.MAX_VALUE);
            keys[i] = largest ? ~ordered : ordered;
        }
        return keys;
    }
}
