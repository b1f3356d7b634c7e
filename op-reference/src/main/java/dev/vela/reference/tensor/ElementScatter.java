package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;

/**
 * The computation of ONNX ScatterElements and Scatter: a copy of {@code data} where each element of
 * {@code updates} is written at the position of its indices element with the axis coordinate
 * replaced by the index (negative counts from the end). {@code reduction} (opset 16: add, mul;
 * 18: max, min) combines instead of overwriting, in update order, rounding to the element type
 * after each step; {@code none} works on every type, the reductions on numeric ones.
 */
final class ElementScatter {

    private ElementScatter() {}

    /**
     * @param node a ScatterElements or Scatter node
     * @return its kernel
     */
    static Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 3, 3);
        TensorType data = node.inputType(0);
        TensorType indices = NodeChecks.dataType(node, 1, DataTypes.INDICES);
        NodeChecks.sameDataType(node, 0, 2);
        if (!node.inputType(2).quantization().equals(data.quantization())) {
            throw new InvalidNodeException(
                    node, "updates " + node.inputType(2) + " and data " + data + " must share their quantization");
        }
        if (!node.inputType(2).shape().equals(indices.shape())) {
            throw new InvalidNodeException(
                    node,
                    "updates " + node.inputType(2).shape() + " must have the shape of indices " + indices.shape());
        }
        int rank = data.shape().rank();
        if (indices.shape().rank() != rank || rank == 0) {
            throw new InvalidNodeException(
                    node,
                    "indices " + indices.shape() + " must have the rank of data " + data.shape() + " (at least 1)");
        }
        int axis = NodeChecks.axis(node, node.attributes().getLong("axis", 0), rank);
        for (int d = 0; d < rank; d++) {
            if (d != axis && indices.shape().dim(d) > data.shape().dim(d)) {
                throw new InvalidNodeException(
                        node, "indices " + indices.shape() + " exceed data " + data.shape() + " on axis " + d);
            }
        }
        String reduction = reduction(node, data);
        ElementIndexing geometry = new ElementIndexing(node.describe(), data.shape(), indices.shape(), axis);
        int[] base = geometry.baseOffsets();
        return FunctionKernel.of(
                data, inv -> apply(inv, geometry.resolve(base, Elements.longs(inv.input(1))), reduction));
    }

    /**
     * Writes {@code output 0 = input 0} with {@code input 2}'s elements combined in at the targets.
     *
     * @param inv data at input 0, updates at input 2
     * @param target for each update element, the data element it goes to
     * @param reduction none, add, mul, max or min (already validated)
     */
    static void apply(Invocation inv, int[] target, String reduction) {
        inv.output(0).copyFrom(inv.input(0));
        if (reduction.equals("none")) {
            overwrite(inv, target);
        } else if (inv.output(0).dataType().isFloatingPoint()) {
            reduceFloating(inv, target, reduction);
        } else {
            reduceIntegers(inv, target, reduction);
        }
    }

    /**
     * @param node the node, named in errors
     * @param data the data type
     * @return the validated {@code reduction} attribute
     */
    static String reduction(Node node, TensorType data) {
        String reduction = node.attributes().getString("reduction", "none");
        if (!reduction.equals("none")) {
            if (!java.util.List.of("add", "mul", "max", "min").contains(reduction)) {
                throw new InvalidNodeException(
                        node, "reduction '" + reduction + "' is not one of none, add, mul, max, min");
            }
            QuantizedAxes.unquantized(node, data);
            if (data.dataType() == DataType.BOOL) {
                throw new InvalidNodeException(node, "reduction '" + reduction + "' needs a numeric type, got bool");
            }
        }
        return reduction;
    }

    private static void overwrite(Invocation inv, int[] target) {
        int size = inv.output(0).dataType().byteSize();
        ByteBuffer src = inv.input(2).bytes();
        ByteBuffer dst = inv.output(0).bytes();
        for (int i = 0; i < target.length; i++) {
            Blocks.copy(src, i, dst, target[i], 1, size);
        }
    }

    private static void reduceFloating(Invocation inv, int[] target, String reduction) {
        Tensor out = inv.output(0);
        double[] acc = Elements.doubles(out);
        double[] updates = Elements.doubles(inv.input(2));
        DataType type = out.dataType();
        for (int i = 0; i < target.length; i++) {
            double a = acc[target[i]];
            double u = updates[i];
            double r = switch (reduction) {
                case "add" -> a + u;
                case "mul" -> a * u;
                case "max" -> Double.isNaN(a) || Double.isNaN(u) ? Double.NaN : Math.max(a, u);
                default -> Double.isNaN(a) || Double.isNaN(u) ? Double.NaN : Math.min(a, u);
            };
            acc[target[i]] = Rounding.toType(type, r);
        }
        Elements.putDoubles(out, acc);
    }

    private static void reduceIntegers(Invocation inv, int[] target, String reduction) {
        Tensor out = inv.output(0);
        long[] acc = Elements.longs(out);
        long[] updates = Elements.longs(inv.input(2));
        boolean unsigned64 = out.dataType() == DataType.UINT64;
        for (int i = 0; i < target.length; i++) {
            long a = acc[target[i]];
            long u = updates[i];
            acc[target[i]] = switch (reduction) {
                case "add" -> a + u;
                case "mul" -> a * u;
                case "max" -> unsigned64 ? (Long.compareUnsigned(a, u) >= 0 ? a : u) : Math.max(a, u);
                default -> unsigned64 ? (Long.compareUnsigned(a, u) <= 0 ? a : u) : Math.min(a, u);
            };
        }
        Elements.putLongs(out, acc);
    }
}
