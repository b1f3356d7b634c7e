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
 * Cases for ONNX EyeLike: a 2-D input of the claimed type (non-square, some empty), {@code k}
 * from -6 to 6 (beyond the matrix too) or absent, {@code dtype} absent or float32 / int64 / bool.
 * Invalid nodes: wrong arity, a rank-3 input, an unknown dtype.
 */
public final class EyeLikeCases extends OpCases {

    /** Creates the generator. */
    public EyeLikeCases() {
        super("EyeLike", Families.ALL, 0, 2);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(Gens.tuples(
                        Gens.shapes(2, 2, CaseSupport.MAX_DIM, CaseSupport.EMPTY_ODDS),
                        Gens.ints(-7, 6),
                        Gens.elements(0L, 1L, 7L, 9L))
                .map(t -> {
                    Node.Builder b = node().input(TensorType.of(claim.dataType(), t.first()));
                    if (t.second() >= -6) {
                        b.attr("k", (long) t.second());
                    }
                    if (t.third() != 0) {
                        b.attr("dtype", t.third());
                    }
                    return b.build();
                }));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(2, 2, 2)))
                                .build(),
                        "rank-3 input")),
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(2, 2)))
                                .attr("dtype", 99L)
                                .build(),
                        "unknown dtype 99")));
    }
}
