package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cases for ONNX ScatterND: data of rank 1..4, constant int64 indices (the concurrency check rotates variable
 * inputs, which would break their fit and distinctness) of shape {@code [m, k]} or {@code [k]}
 * addressing distinct slices (ONNX leaves repeated ones undefined without a reduction; negative
 * coordinates included), updates of shape {@code indices.shape[:-1] + data.shape[k:]}, {@code
 * reduction} none, add, mul, max or min. Invalid nodes: wrong arity, updates of the wrong shape.
 */
public final class ScatterNDCases extends OpCases {

    /** Creates the generator. */
    public ScatterNDCases() {
        super("ScatterND", Families.ALL, 2, 4);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<String> reductions = claim.dataType() == DataType.BOOL
                ? Gens.constant("none")
                : Gens.elements("none", "add", "mul", "max", "min");
        return Gens.shapes(1, 4, 4, 0)
                .flatMap(s -> Gens.tuples(
                                Gens.ints(1, s.rank()),
                                Gens.lists(Gens.ints(0, 1 << 20), 1, 4),
                                Gens.tuples(reductions, Gens.booleans(), Gens.booleans()))
                        .flatMap(t -> {
                            int k = t.first();
                            int slices = 1;
                            for (int i = 0; i < k; i++) {
                                slices *= s.dim(i);
                            }
                            Set<Integer> distinct = new LinkedHashSet<>();
                            for (int v : t.second()) {
                                distinct.add(v % slices);
                            }
                            List<Integer> rows = new ArrayList<>(distinct);
                            boolean single = rows.size() == 1 && t.third().second();
                            Shape idx = single ? Shape.of(k) : Shape.of(rows.size(), k);
                            List<Integer> upd = new ArrayList<>();
                            if (!single) {
                                upd.add(rows.size());
                            }
                            for (int i = k; i < s.rank(); i++) {
                                upd.add(s.dim(i));
                            }
                            Tensor indices = Tensor.allocate(TensorType.of(DataType.INT64, idx));
                            for (int row = 0; row < rows.size(); row++) {
                                int flat = rows.get(row);
                                for (int j = k - 1; j >= 0; j--) {
                                    int c = flat % s.dim(j);
                                    flat /= s.dim(j);
                                    indices.setLong(row * k + j, t.third().third() && j == 0 ? c - s.dim(j) : c);
                                }
                            }
                            TensorType data = TensorType.of(claim.dataType(), s);
                            TensorType updates = TensorType.of(claim.dataType(), Shape.of(upd));
                            Node.Builder b =
                                    node().input(data).constantInput(indices).input(updates);
                            if (!t.third().first().equals("none")) {
                                b.attr("reduction", t.third().first());
                            }
                            Node n = b.build();
                            return Gens.tuples(CaseSupport.tensor(data), CaseSupport.tensor(updates))
                                    .map(v -> CaseSupport.caseOf(
                                            n,
                                            List.of(v.first(), v.second()),
                                            "reduction " + t.third().first()));
                        }));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.constant(new InvalidNode(
                node().input(TensorType.of(claim.dataType(), Shape.of(3, 2)))
                        .input(TensorType.of(DataType.INT64, Shape.of(2, 1)))
                        .input(TensorType.of(claim.dataType(), Shape.of(2, 3)))
                        .build(),
                "updates [2, 3] where [2, 2] is needed")));
    }
}
