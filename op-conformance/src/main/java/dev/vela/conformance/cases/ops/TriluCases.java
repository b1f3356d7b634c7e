package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX Trilu: rank 2..4 (some empty, non-square matrices), {@code upper} 0 or 1 or
 * absent, and the diagonal offset {@code k} absent or a scalar int64 input from -6 to 6 (beyond
 * the matrix too). Invalid nodes: wrong arity, a rank-1 input.
 */
public final class TriluCases extends OpCases {

    /** Creates the generator. */
    public TriluCases() {
        super("Trilu", Families.ALL, 0, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(Gens.tuples(
                        CaseSupport.shapes(2, CaseSupport.EMPTY_ODDS), Gens.ints(-1, 1), Gens.ints(-7, 6))
                .map(t -> {
                    Node.Builder b = node().input(TensorType.of(claim.dataType(), t.first()));
                    if (t.second() >= 0) {
                        b.attr("upper", (long) t.second());
                    }
                    if (t.third() >= -6) {
                        b.constantInput(CaseSupport.int64(Shape.scalar(), t.third()));
                    }
                    return b.build();
                }));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.constant(new InvalidNode(
                node().input(TensorType.of(claim.dataType(), Shape.of(4))).build(), "rank-1 input")));
    }
}
