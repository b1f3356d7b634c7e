package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.List;

/** Cases for ONNX Flatten: rank 1..4 (some empty), {@code axis} absent or in [-rank, rank]. Invalid nodes: wrong arity, axis out of range. */
public final class FlattenCases extends OpCases {

    /** Creates the generator. */
    public FlattenCases() {
        super("Flatten", Families.ALL, 0, 2);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(CaseSupport.shapes(1, CaseSupport.EMPTY_ODDS)
                .flatMap(s -> Gens.ints(-s.rank() - 1, s.rank()).map(a -> {
                    var b = node().input(TensorType.of(claim.dataType(), s));
                    return a < -s.rank() ? b.build() : b.attr("axis", (long) a).build();
                })));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.ints(1, 3)
                .map(r -> new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(new int[r])))
                                .attr("axis", (long) r + 1)
                                .build(),
                        "axis beyond the rank")));
    }
}
