package dev.vela.reference.elementwise;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.AttributeType;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;

/**
 * ONNX Cast: converts to the element type named by the {@code to} attribute (a {@code
 * TensorProto.DataType} code; before opset 6 its name, e.g. {@code "FLOAT"}), between any two SPI element types; see {@link ElementConversion}
 * for the rules. The {@code saturate} and {@code round_mode} attributes only concern float8 and
 * float4 targets, which the SPI has not, so they are accepted and have no effect.
 */
public final class Cast extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Cast() {
        super("Cast", ElementTypes.CAST_SOURCES);
    }

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = NodeChecks.dataType(node, 0, ElementTypes.CAST_SOURCES);
        DataType target = target(node);
        return FunctionKernel.of(
                TensorType.of(target, in.shape()), inv -> ElementConversion.convert(inv.input(0), inv.output(0)));
    }

    /** The {@code to} attribute: a type code, or before opset 6 a type name such as {@code "FLOAT"}. */
    private static DataType target(Node node) {
        Attributes attributes = node.attributes();
        if (attributes.has("to") && attributes.typeOf("to") == AttributeType.STRING) {
            String name = attributes.getString("to");
            return DataType.fromOnnxName(name)
                    .orElseThrow(() -> new InvalidNodeException(
                            node, "unsupported target type: attribute 'to' = \"" + name + "\""));
        }
        long code = attributes.getLong("to");
        return DataType.fromOnnxCode(code)
                .orElseThrow(() -> new InvalidNodeException(node, "unsupported target type: attribute 'to' = " + code));
    }
}
