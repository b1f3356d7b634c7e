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
import java.util.List;

/**
 * Cases for ONNX GatherND: data of rank 1..4, {@code batch_dims} 0 or 1 (shared leading
 * dimensions), constant int64 indices (constant because the concurrency check rotates variable inputs, which would
 * move a coordinate onto an axis it does not fit) of shape {@code batch + [m] or [] + [k]} with k from 1 to the
 * remaining rank, every coordinate in range (negative ones included). Invalid nodes: wrong arity,
 * k beyond the data's rank.
 */
public final class GatherNDCases extends OpCases {

    /** Creates the generator. */
    public GatherNDCases() {
        super("GatherND", Families.ALL, 1, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return Gens.shapes(1, 4, 4, 0)
                .flatMap(s -> Gens.tuples(Gens.ints(0, Math.min(1, s.rank() - 1)), Gens.ints(0, 3), Gens.ints(1, 4))
                        .flatMap(t -> {
                            int b = t.first();
                            int k = Math.min(t.third(), s.rank() - b);
                            List<Integer> idxDims = new ArrayList<>();
                            for (int i = 0; i < b; i++) {
                                idxDims.add(s.dim(i));
                            }
                            if (t.second() > 0) {
                                idxDims.add(t.second());
                            }
                            idxDims.add(k);
                            Shape idx = Shape.of(idxDims);
                            TensorType data = TensorType.of(claim.dataType(), s);
                            int rows = idx.elementCount() / k;
                            Gen<List<Integer>> raw = Gens.fixedLists(Gens.ints(0, 1 << 20), idx.elementCount());
                            return Gens.tuples(CaseSupport.tensor(data), raw).map(v -> {
                                Tensor indices = Tensor.allocate(TensorType.of(DataType.INT64, idx));
                                for (int row = 0; row < rows; row++) {
                                    for (int j = 0; j < k; j++) {
                                        int size = s.dim(b + j);
                                        int r = v.second().get(row * k + j) % (2 * size);
                                        indices.setLong(row * k + j, r < size ? r : r - 2L * size);
                                    }
                                }
                                Node.Builder nb = node().input(data).constantInput(indices);
                                if (b > 0) {
                                    nb.attr("batch_dims", (long) b);
                                }
                                return CaseSupport.caseOf(nb.build(), List.of(v.first()), "batch_dims " + b, "k " + k);
                            });
                        }));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.constant(new InvalidNode(
                node().input(TensorType.of(claim.dataType(), Shape.of(3, 2)))
                        .input(TensorType.of(DataType.INT64, Shape.of(1, 3)))
                        .build(),
                "k = 3 for data of rank 2")));
    }
}
