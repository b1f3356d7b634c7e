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
 * Cases for ONNX GatherElements: data of rank 1..3, {@code axis} (negative sometimes), int32 or
 * int64 indices of the data's rank, no larger on the other axes and of any length along the axis,
 * with in-range values (negative included). Invalid nodes: wrong arity, indices of another rank.
 */
public final class GatherElementsCases extends OpCases {

    /** Creates the generator. */
    public GatherElementsCases() {
        super("GatherElements", Families.ALL, 1, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return Gens.shapes(1, 3, 4, 0)
                .flatMap(s -> Gens.tuples(
                                axis(s.rank()),
                                Gens.fixedLists(Gens.ints(0, 4), s.rank()),
                                Gens.elements(DataType.INT64, DataType.INT32))
                        .flatMap(t -> {
                            int a = normalize(t.first(), s.rank());
                            int[] dims = new int[s.rank()];
                            for (int i = 0; i < dims.length; i++) {
                                dims[i] = i == a
                                        ? t.second().get(i)
                                        : Math.min(s.dim(i), t.second().get(i));
                            }
                            TensorType data = TensorType.of(claim.dataType(), s);
                            Shape idx = Shape.of(dims);
                            Node n = node().attr("axis", (long) t.first())
                                    .input(data)
                                    .input(TensorType.of(t.third(), idx))
                                    .build();
                            return Gens.tuples(CaseSupport.tensor(data), indices(t.third(), idx, s.dim(a)))
                                    .map(v -> CaseSupport.caseOf(n, List.of(v.first(), v.second())));
                        }));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.constant(new InvalidNode(
                node().input(TensorType.of(claim.dataType(), Shape.of(3, 2)))
                        .input(TensorType.of(DataType.INT64, Shape.of(2)))
                        .build(),
                "indices of rank 1 for data of rank 2")));
    }
}
