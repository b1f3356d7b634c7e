package dev.vela.reference.tensor;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.Attributes;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.List;

/**
 * ONNX Constant: outputs the value held in exactly one attribute: {@code value} (a tensor),
 * {@code value_float} / {@code value_int} (scalars, float32 / int64), {@code value_floats} /
 * {@code value_ints} (1-D). String and sparse values have no SPI element type and are refused.
 */
public final class Constant extends ReferenceKernelFactory {

    private static final List<String> VALUE_ATTRIBUTES = List.of(
            "value",
            "value_float",
            "value_floats",
            "value_int",
            "value_ints",
            "value_string",
            "value_strings",
            "sparse_value");

    /** Creates the factory. */
    public Constant() {
        super("Constant", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 0, 0);
        Attributes attrs = node.attributes();
        List<String> given = VALUE_ATTRIBUTES.stream().filter(attrs::has).toList();
        if (given.size() != 1) {
            throw new InvalidNodeException(node, "needs exactly one of " + VALUE_ATTRIBUTES + ", got " + given);
        }
        Tensor value = switch (given.get(0)) {
            case "value" -> copy(attrs.getTensor("value"));
            case "value_float" -> Tensor.ofFloats(Shape.scalar(), attrs.getFloat("value_float"));
            case "value_floats" -> {
                float[] v = attrs.getFloats("value_floats");
                yield Tensor.ofFloats(Shape.of(v.length), v);
            }
            case "value_int" -> Tensor.ofLongs(Shape.scalar(), attrs.getLong("value_int"));
            case "value_ints" -> {
                long[] v = attrs.getLongs("value_ints");
                yield Tensor.ofLongs(Shape.of(v.length), v);
            }
            default ->
                throw new InvalidNodeException(
                        node,
                        "attribute '" + given.get(0)
                                + "' is not supported: string and sparse tensors have no element type here");
        };
        Tensor held = value.asReadOnly();
        return FunctionKernel.of(held.type(), inv -> inv.output(0).copyFrom(held));
    }

    private static Tensor copy(Tensor t) {
        Tensor c = Tensor.allocate(t.type());
        c.copyFrom(t);
        return c;
    }
}
