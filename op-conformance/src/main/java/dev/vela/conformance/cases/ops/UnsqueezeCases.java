package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Cases for ONNX Unsqueeze: rank 0..3 inputs (some empty), one to three new axes at distinct
 * output positions (negative sometimes, in any order), as the opset-13 value input or the opset-11
 * attribute. Invalid nodes: wrong arity, a repeated axis, an axis beyond the output rank.
 */
public final class UnsqueezeCases extends OpCases {

    /** Creates the generator. */
    public UnsqueezeCases() {
        super("Unsqueeze", Families.ALL, 0, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Node> nodes = Gens.shapes(0, 3, CaseSupport.MAX_DIM, CaseSupport.EMPTY_ODDS)
                .flatMap(s -> Gens.ints(1, 3).flatMap(k -> {
                    int outRank = s.rank() + k;
                    return Gens.tuples(permutations(outRank), Gens.fixedLists(Gens.booleans(), k), Gens.booleans())
                            .map(t -> {
                                List<Long> axes = new ArrayList<>();
                                for (int i = 0; i < k; i++) {
                                    int a = t.first()[i];
                                    axes.add(t.second().get(i) ? (long) a - outRank : (long) a);
                                }
                                TensorType x = TensorType.of(claim.dataType(), s);
                                if (t.third()) {
                                    Node.Builder b = node().opset(11).input(x);
                                    b.attributes()
                                            .put(
                                                    "axes",
                                                    axes.stream()
                                                            .mapToLong(Long::longValue)
                                                            .toArray());
                                    return b.build();
                                }
                                return node().input(x)
                                        .constantInput(CaseSupport.int64s(axes))
                                        .build();
                            });
                }));
        return CaseSupport.withRandomInputs(nodes);
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        TensorType x = TensorType.of(claim.dataType(), Shape.of(2, 3));
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(x).constantInput(CaseSupport.int64s(0, 0)).build(), "axis 0 given twice")),
                Gens.constant(new InvalidNode(
                        node().input(x).constantInput(CaseSupport.int64s(3)).build(), "axis beyond the output rank")));
    }
}
