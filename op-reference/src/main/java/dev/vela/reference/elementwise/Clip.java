package dev.vela.reference.elementwise;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

/**
 * ONNX Clip: {@code min(max(x, min), max)}, so when min exceeds max every element becomes max (as
 * the spec says) and NaN stays NaN. Before opset 11 the bounds are the float attributes {@code min}
 * and {@code max} (floating types only); from opset 11 they are optional single-element inputs 1
 * and 2 of the input's type, read at each invocation, and integer types are allowed (opset 12).
 * Absent bounds are the type's extremes.
 */
public final class Clip extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Clip() {
        super("Clip", ElementTypes.NUMBERS);
    }

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        if (node.opsetVersion() < 11) {
            return prepareWithAttributes(node);
        }
        NodeChecks.inputCount(node, 1, 3);
        TensorType x = NodeChecks.dataType(node, 0, ElementTypes.NUMBERS);
        NodeChecks.sameDataType(node, 0, 1, 2);
        for (int i = 1; i <= 2; i++) {
            if (node.hasInput(i) && node.inputType(i).elementCount() != 1) {
                throw new InvalidNodeException(
                        node,
                        "input " + i + " (" + (i == 1 ? "min" : "max") + ") must hold one element, got shape "
                                + node.inputType(i).shape());
            }
        }
        TensorType out = TensorType.of(x.dataType(), x.shape());
        if (x.dataType().isFloatingPoint()) {
            return FunctionKernel.of(
                    out,
                    inv -> clipFloating(
                            inv, bound(inv, 1, Double.NEGATIVE_INFINITY), bound(inv, 2, Double.POSITIVE_INFINITY)));
        }
        DataType type = x.dataType();
        return FunctionKernel.of(
                out,
                inv -> clipInteger(
                        inv,
                        type,
                        inv.hasInput(1) ? inv.input(1).getLong(0) : ElementTypes.minValue(type),
                        inv.hasInput(2) ? inv.input(2).getLong(0) : ElementTypes.maxValue(type)));
    }

    private static Kernel prepareWithAttributes(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType x = NodeChecks.dataType(node, 0, ElementTypes.FLOATS);
        double min = node.attributes().getFloat("min", -Float.MAX_VALUE);
        double max = node.attributes().getFloat("max", Float.MAX_VALUE);
        return FunctionKernel.of(TensorType.of(x.dataType(), x.shape()), inv -> clipFloating(inv, min, max));
    }

    private static double bound(Invocation inv, int index, double absent) {
        return inv.hasInput(index) ? inv.input(index).getDouble(0) : absent;
    }

    private static void clipFloating(Invocation inv, double min, double max) {
        double[] v = Elements.doubles(inv.input(0));
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(Math.max(v[i], min), max);
        }
        FloatingWriter.put(inv.output(0), v);
    }

    private static void clipInteger(Invocation inv, DataType type, long min, long max) {
        Tensor in = inv.input(0);
        long[] v = Elements.longs(in);
        for (int i = 0; i < v.length; i++) {
            if (ElementTypes.compare(v[i], min, type) < 0) {
                v[i] = min;
            }
            if (ElementTypes.compare(v[i], max, type) > 0) {
                v[i] = max;
            }
        }
        Elements.putLongs(inv.output(0), v);
    }
}
