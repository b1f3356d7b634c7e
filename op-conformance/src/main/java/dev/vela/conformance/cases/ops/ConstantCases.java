package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.cases.TensorGens;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX Constant: a {@code value} tensor of the claimed type (rank 0..4, some empty,
 * special values); for float32 and int64 also the scalar and list attributes ({@code
 * value_float(s)}, {@code value_int(s)}). Invalid nodes: an input, no value attribute, two value attributes.
 */
public final class ConstantCases extends OpCases {

    /** Creates the generator. */
    public ConstantCases() {
        super("Constant", Families.ALL, 1);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        DataType type = claim.dataType();
        return Gens.tuples(CaseSupport.shapes(), Gens.ints(0, 2))
                .flatMap(t -> TensorGens.tensor(TensorType.of(type, t.first())).map(v -> {
                    Node.Builder b = node();
                    boolean vector = v.shape().rank() == 1;
                    boolean scalar = v.shape().rank() == 0;
                    if (t.second() > 0 && type == DataType.FLOAT32 && (vector || scalar)) {
                        if (scalar) {
                            b.attr("value_float", (float) v.getDouble(0));
                        } else {
                            b.attr("value_floats", v.toFloatArray());
                        }
                    } else if (t.second() > 0 && type == DataType.INT64 && (vector || scalar)) {
                        if (scalar) {
                            b.attr("value_int", v.getLong(0));
                        } else {
                            b.attributes().put("value_ints", v.toLongArray());
                        }
                    } else {
                        b.attributes().put("value", v);
                    }
                    return CaseSupport.caseOf(
                            b.build(), List.of(), "rank " + v.shape().rank());
                }));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        Node.Builder two = node().attr("value_int", 1L);
        two.attr("value_float", 1f);
        return List.of(
                Gens.constant(new InvalidNode(node().build(), "no value attribute")),
                Gens.constant(new InvalidNode(two.build(), "two value attributes")));
    }
}
