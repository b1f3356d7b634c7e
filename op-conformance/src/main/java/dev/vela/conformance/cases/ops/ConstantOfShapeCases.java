package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.cases.TensorGens;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX ConstantOfShape: a 1-D int64 shape value of 0..4 dimensions (0 included: an
 * empty result; no dimensions: a scalar) and a one-element {@code value} attribute of the claimed
 * type, special values included (for float32 it is sometimes absent: 0). Invalid nodes: wrong arity,
 * a negative dimension, a value of two elements.
 */
public final class ConstantOfShapeCases extends OpCases {

    /** Creates the generator. */
    public ConstantOfShapeCases() {
        super("ConstantOfShape", Families.ALL, 0, 2);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        return Gens.tuples(
                        Gens.lists(Gens.ints(0, 4), 0, 4),
                        TensorGens.tensor(TensorType.of(type, Shape.of(1))),
                        Gens.booleans())
                .map(t -> {
                    Node.Builder b = node().constantInput(CaseSupport.int64s(
                            t.first().stream().map(Integer::longValue).toList()));
                    if (!(type == DataType.FLOAT32 && t.third())) {
                        b.attributes().put("value", t.second());
                    }
                    return CaseSupport.caseOf(b.build(), List.of());
                });
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(
                Gens.constant(new InvalidNode(
                        node().constantInput(CaseSupport.int64s(2, -1)).build(), "negative dimension")),
                Gens.constant(new InvalidNode(with2(claim.dataType()), "value of two elements")));
    }

    private Node with2(DataType type) {
        Node.Builder b = node().constantInput(CaseSupport.int64s(2));
        b.attributes().put("value", dev.vela.spi.Tensor.allocate(TensorType.of(type, Shape.of(2))));
        return b.build();
    }
}
