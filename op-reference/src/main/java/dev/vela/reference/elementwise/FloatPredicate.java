package dev.vela.reference.elementwise;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.function.DoublePredicate;

/** One floating-point input tested element by element into a bool output of the same shape (IsNaN, IsInf). */
abstract class FloatPredicate extends ReferenceKernelFactory {

    FloatPredicate(String op) {
        super(op, ElementTypes.FLOATS);
    }

    /**
     * @param node the node, for its attributes
     * @return the test
     */
    abstract DoublePredicate predicate(Node node);

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 1, 1);
        TensorType x = NodeChecks.dataType(node, 0, ElementTypes.FLOATS);
        DoublePredicate p = predicate(node);
        return FunctionKernel.of(TensorType.of(DataType.BOOL, x.shape()), inv -> {
            double[] v = Elements.doubles(inv.input(0));
            byte[] out = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = p.test(v[i]) ? (byte) 1 : 0;
            }
            inv.output(0).bytes().put(out);
        });
    }
}
