package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX Transpose: rank 0..4 (some empty), {@code perm} a permutation (shrinking toward
 * the identity) or absent (reversed axes). Invalid nodes: wrong arity, a perm that repeats an axis, a perm of the wrong length.
 */
public final class TransposeCases extends OpCases {

    /** Creates the generator. */
    public TransposeCases() {
        super("Transpose", Families.ALL, 0, 2);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(CaseSupport.shapes()
                .flatMap(s -> Gens.tuples(permutations(s.rank()), Gens.ints(0, 3))
                        .map(t -> {
                            var b = node().input(TensorType.of(claim.dataType(), s));
                            return t.second() == 0
                                    ? b.build()
                                    : b.attr("perm", t.first()).build();
                        })));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(2, 3)))
                                .attr("perm", 0, 0)
                                .build(),
                        "perm repeats an axis")),
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(2, 3)))
                                .attr("perm", 1, 0, 2)
                                .build(),
                        "perm longer than the rank")));
    }
}
