package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX Gather: data of rank 1..3, {@code axis} in [-rank, rank) or absent, int32 or
 * int64 indices of rank 0..2 (some empty) whose values are in range, negative ones included (the
 * reference fails on out-of-range indices at invoke, as ONNX leaves them undefined). Invalid
 * nodes: wrong arity, float indices, axis out of range.
 */
public final class GatherCases extends OpCases {

    /** Creates the generator. */
    public GatherCases() {
        super("Gather", Families.ALL, 1, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return Gens.shapes(1, 3, CaseSupport.MAX_DIM, 0)
                .flatMap(s -> Gens.tuples(
                                axis(s.rank()),
                                Gens.shapes(0, 2, 4, CaseSupport.EMPTY_ODDS),
                                Gens.tuples(Gens.elements(DataType.INT64, DataType.INT32), Gens.booleans()))
                        .flatMap(t -> {
                            int a = normalize(t.first(), s.rank());
                            TensorType data = TensorType.of(claim.dataType(), s);
                            Node.Builder b = node().input(data)
                                    .input(TensorType.of(t.third().first(), t.second()));
                            Node n = t.third().second() && a == 0
                                    ? b.build()
                                    : b.attr("axis", (long) t.first()).build();
                            return Gens.tuples(
                                            CaseSupport.tensor(data),
                                            indices(t.third().first(), t.second(), s.dim(a)))
                                    .map(v -> CaseSupport.caseOf(n, List.of(v.first(), v.second())));
                        }));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        TensorType data = TensorType.of(claim.dataType(), Shape.of(3, 2));
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(data)
                                .input(TensorType.of(DataType.FLOAT32, Shape.of(2)))
                                .build(),
                        "float32 indices")),
                Gens.constant(new InvalidNode(
                        node().input(data)
                                .input(TensorType.of(DataType.INT64, Shape.of(2)))
                                .attr("axis", 2L)
                                .build(),
                        "axis 2 of a rank-2 input")));
    }
}
