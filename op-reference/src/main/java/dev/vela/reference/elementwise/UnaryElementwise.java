package dev.vela.reference.elementwise;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * One floating-point input, one output of the same type and shape, computed element by element in
 * double and rounded once. Subclasses read their attributes in {@link #function(Node)}.
 */
abstract class UnaryElementwise extends ReferenceKernelFactory {

    UnaryElementwise(String op) {
        super(op, BinaryElementwise.FLOATS);
    }

    UnaryElementwise(String op, Set<DataType> types) {
        super(op, types);
    }

    /**
     * @param node the node, for its attributes
     * @return the element function
     */
    abstract DoubleUnaryOperator function(Node node);

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = NodeChecks.dataType(node, 0, BinaryElementwise.FLOATS);
        DoubleUnaryOperator f = function(node);
        return FunctionKernel.of(in, inv -> {
            double[] x = Elements.doubles(inv.input(0));
            for (int i = 0; i < x.length; i++) {
                x[i] = f.applyAsDouble(x[i]);
            }
            Elements.putDoubles(inv.output(0), x);
        });
    }
}
