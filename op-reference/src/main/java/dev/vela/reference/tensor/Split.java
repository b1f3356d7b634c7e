package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * ONNX Split: cuts the input along {@code axis} into consecutive parts. The part sizes come from
 * the {@code split} attribute (before opset 13) or the optional second input (from 13); without
 * them the axis is divided equally among the outputs, and from opset 18 {@code num_outputs} may
 * leave a smaller last part ({@code ceil(size / n)} each).
 */
public final class Split extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Split() {
        super("Split", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return node.hasInput(1) ? Set.of(1) : Set.of();
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 2);
        TensorType in = node.inputType(0);
        int axis = NodeChecks.axis(
                node, node.attributes().getLong("axis", 0), in.shape().rank());
        int size = in.shape().dim(axis);
        int[] parts = partSizes(node, size);
        int[] dims = in.shape().dims();
        List<TensorType> outTypes = new ArrayList<>();
        for (int p : parts) {
            dims[axis] = p;
            outTypes.add(QuantizedAxes.kept(node, in, Shape.of(dims)));
        }
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= dims[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        int rows = outer;
        int cols = inner;
        int elementSize = in.dataType().byteSize();
        return FunctionKernel.of(outTypes, inv -> invoke(inv, parts, rows, cols, size, elementSize));
    }

    private static int[] partSizes(Node node, int size) {
        long[] split = null;
        if (node.opsetVersion() >= 13 || node.hasInput(1)) {
            if (node.hasInput(1)) {
                split = IntegerValues.constant(node, 1);
            }
        } else if (node.attributes().has("split")) {
            split = node.attributes().getLongs("split");
        }
        int outputs = node.outputCount();
        if (split != null) {
            if (node.attributes().has("num_outputs")) {
                throw new InvalidNodeException(node, "give either the split input or num_outputs, not both");
            }
            if (split.length != outputs) {
                throw new InvalidNodeException(
                        node,
                        "split " + Arrays.toString(split) + " has " + split.length + " parts but the node has "
                                + outputs + " outputs");
            }
            long sum = 0;
            int[] parts = new int[split.length];
            for (int i = 0; i < split.length; i++) {
                if (split[i] < 0) {
                    throw new InvalidNodeException(node, "split " + Arrays.toString(split) + " has a negative part");
                }
                sum += split[i];
                parts[i] = (int) Math.min(split[i], Integer.MAX_VALUE);
            }
            if (sum != size) {
                throw new InvalidNodeException(
                        node, "split " + Arrays.toString(split) + " sums to " + sum + " but the axis has size " + size);
            }
            return parts;
        }
        if (node.opsetVersion() >= 18) {
            long n = node.attributes().getLong("num_outputs");
            if (n != outputs || n < 1) {
                throw new InvalidNodeException(
                        node, "num_outputs " + n + " does not match the " + outputs + " outputs");
            }
            int chunk = (int) ((size + n - 1) / n);
            int[] parts = new int[outputs];
            int left = size;
            for (int i = 0; i < outputs; i++) {
                parts[i] = Math.min(chunk, left);
                left -= parts[i];
            }
            if (size > 0 && (long) chunk * (outputs - 1) >= size) {
                throw new InvalidNodeException(node, "axis size " + size + " cannot be split into " + n + " parts");
            }
            return parts;
        }
        if (outputs < 1 || size % outputs != 0) {
            throw new InvalidNodeException(
                    node, "axis size " + size + " is not divisible into " + outputs + " equal parts");
        }
        int[] parts = new int[outputs];
        Arrays.fill(parts, size / outputs);
        return parts;
    }

    private static void invoke(Invocation inv, int[] parts, int outer, int inner, int size, int elementSize) {
        ByteBuffer src = inv.input(0).bytes();
        int offset = 0;
        for (int i = 0; i < parts.length; i++) {
            ByteBuffer dst = inv.output(i).bytes();
            int chunk = parts[i] * inner;
            for (int o = 0; o < outer; o++) {
                Blocks.copy(src, o * size * inner + offset, dst, o * chunk, chunk, elementSize);
            }
            offset += chunk;
        }
    }
}
