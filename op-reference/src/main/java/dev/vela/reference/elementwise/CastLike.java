package dev.vela.reference.elementwise;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;

/**
 * ONNX CastLike: converts input 0 to the element type of input 1 ({@code target_type}, whose values
 * are ignored), with the rules of {@link Cast}.
 */
public final class CastLike extends ReferenceKernelFactory {

    /** Creates the factory. */
    public CastLike() {
        super("CastLike", ElementTypes.CAST_SOURCES);
    }

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 2, 2);
        TensorType in = NodeChecks.dataType(node, 0, ElementTypes.CAST_SOURCES);
        TensorType like = NodeChecks.dataType(node, 1, ElementTypes.CAST_SOURCES);
        return FunctionKernel.of(
                TensorType.of(like.dataType(), in.shape()),
                inv -> ElementConversion.convert(inv.input(0), inv.output(0)));
    }
}
