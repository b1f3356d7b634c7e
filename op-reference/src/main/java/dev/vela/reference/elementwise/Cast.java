package dev.vela.reference.elementwise;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;

/**
 * ONNX Cast: converts to the element type named by the {@code to} attribute (a {@code
 * TensorProto.DataType} code), between any two SPI element types; see {@link ElementConversion}
 * for the rules. The {@code saturate} and {@code round_mode} attributes only concern float8 and
 * float4 targets, which the SPI has not, so they are accepted and have no effect.
 */
public final class Cast extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Cast() {
        super("Cast", ElementTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = NodeChecks.dataType(node, 0, ElementTypes.ALL);
        long code = node.attributes().getLong("to");
        DataType target = OnnxDataTypes.fromCode(code).orElseThrow(() -> new InvalidNodeException(node,
                "unsupported target type: attribute 'to' = " + code));
        return FunctionKernel.of(TensorType.of(target, in.shape()),
                inv -> ElementConversion.convert(inv.input(0), inv.output(0)));
    }
}
