package dev.vela.reference.tensor;

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

/**
 * ONNX CumSum: running sums along the axis given by a scalar int32/int64 input; {@code exclusive}
 * leaves each element out of its own sum, {@code reverse} sums from the end. Integers wrap to
 * their width; floating sums round to the element type after each addition, as the type's own
 * arithmetic would.
 */
public final class CumSum extends ReferenceKernelFactory {

    /** Creates the factory. */
    public CumSum() {
        super("CumSum", DataTypes.NUMBERS);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 2);
        TensorType in = QuantizedAxes.unquantized(node, NodeChecks.dataType(node, 0, DataTypes.NUMBERS));
        NodeChecks.dataType(node, 1, DataTypes.INDICES);
        if (node.inputType(1).elementCount() != 1) {
            throw new InvalidNodeException(node, "axis must be a scalar, got " + node.inputType(1));
        }
        if (in.shape().rank() == 0) {
            throw new InvalidNodeException(node, "input must have rank >= 1");
        }
        boolean exclusive = node.attributes().getLong("exclusive", 0) != 0;
        boolean reverse = node.attributes().getLong("reverse", 0) != 0;
        // The axis is known only at invoke unless constant; validate it early when it is.
        node.inputValue(1)
                .ifPresent(a -> NodeChecks.axis(node, a.getLong(0), in.shape().rank()));
        String name = node.describe();
        return FunctionKernel.of(in, inv -> invoke(inv, name, exclusive, reverse));
    }

    private static void invoke(Invocation inv, String node, boolean exclusive, boolean reverse) {
        Tensor x = inv.input(0);
        Shape shape = x.shape();
        long rawAxis = inv.input(1).getLong(0);
        long a = rawAxis < 0 ? rawAxis + shape.rank() : rawAxis;
        if (a < 0 || a >= shape.rank()) {
            throw new InvalidNodeException(node, "axis " + rawAxis + " is out of range for rank " + shape.rank());
        }
        int axis = (int) a;
        int size = shape.dim(axis);
        int inner = shape.strides()[axis];
        int outer = size * inner == 0 ? 0 : shape.elementCount() / (size * inner);
        DataType type = x.dataType();
        if (type.isFloatingPoint()) {
            double[] v = Elements.doubles(x);
            double[] r = new double[v.length];
            for (int o = 0; o < outer; o++) {
                for (int in = 0; in < inner; in++) {
                    double sum = 0;
                    for (int s = 0; s < size; s++) {
                        int idx = o * size * inner + (reverse ? size - 1 - s : s) * inner + in;
                        if (exclusive) {
                            r[idx] = sum;
                            sum = Rounding.toType(type, sum + v[idx]);
                        } else {
                            sum = Rounding.toType(type, sum + v[idx]);
                            r[idx] = sum;
                        }
                    }
                }
            }
            Elements.putDoubles(inv.output(0), r);
        } else {
            long[] v = Elements.longs(x);
            long[] r = new long[v.length];
            for (int o = 0; o < outer; o++) {
                for (int in = 0; in < inner; in++) {
                    long sum = 0;
                    for (int s = 0; s < size; s++) {
                        int idx = o * size * inner + (reverse ? size - 1 - s : s) * inner + in;
                        if (exclusive) {
                            r[idx] = sum;
                            sum += v[idx];
                        } else {
                            sum += v[idx];
                            r[idx] = sum;
                        }
                    }
                }
            }
            Elements.putLongs(inv.output(0), r);
        }
    }
}
