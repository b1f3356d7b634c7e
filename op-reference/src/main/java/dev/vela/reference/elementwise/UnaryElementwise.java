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
import java.util.function.LongUnaryOperator;

/**
 * One input, one output of the same type and shape, element by element. Floating types compute in
 * double and round once; integer types (for the operators that claim them) compute in long and
 * wrap to the element width. Subclasses read their attributes in {@link #function(Node)}.
 */
abstract class UnaryElementwise extends ReferenceKernelFactory {

    private final Set<DataType> types;

    UnaryElementwise(String op) {
        this(op, ElementTypes.FLOATS);
    }

    UnaryElementwise(String op, Set<DataType> types) {
        super(op, types);
        this.types = types;
    }

    /**
     * @param node the node, for its attributes
     * @return the element function on floating-point values
     */
    abstract DoubleUnaryOperator function(Node node);

    /**
     * Only called for the integer types the subclass claims.
     *
     * @param node the node, for its attributes
     * @param type the integer element type (values as {@link dev.vela.spi.Tensor#getLong(int)} gives them)
     * @return the element function on integer values
     */
    LongUnaryOperator integerFunction(Node node, DataType type) {
        throw new IllegalStateException(op() + " claims no integer type");
    }

    /**
     * An integer function that applies a real one and truncates toward zero, as ONNX's reference
     * does for integer inputs of real-valued operators ({@code f(x).astype(x.dtype)}).
     *
     * @param f the real function
     * @param type the integer element type
     * @return the integer function
     */
    static LongUnaryOperator truncating(DoubleUnaryOperator f, DataType type) {
        if (type == DataType.UINT64) {
            return x -> ElementConversion.truncate(f.applyAsDouble(ElementConversion.unsignedToDouble(x)));
        }
        return x -> ElementConversion.truncate(f.applyAsDouble(x));
    }

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = NodeChecks.dataType(node, 0, types);
        if (in.dataType().isFloatingPoint()) {
            DoubleUnaryOperator f = function(node);
            return FunctionKernel.of(TensorType.of(in.dataType(), in.shape()), inv -> {
                double[] x = Elements.doubles(inv.input(0));
                for (int i = 0; i < x.length; i++) {
                    x[i] = f.applyAsDouble(x[i]);
                }
                FloatingWriter.put(inv.output(0), x);
            });
        }
        LongUnaryOperator f = integerFunction(node, in.dataType());
        return FunctionKernel.of(TensorType.of(in.dataType(), in.shape()), inv -> {
            long[] x = Elements.longs(inv.input(0));
            for (int i = 0; i < x.length; i++) {
                x[i] = f.applyAsLong(x[i]);
            }
            Elements.putLongs(inv.output(0), x);
        });
    }
}
