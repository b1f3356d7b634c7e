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
 * Cases for ONNX Squeeze: inputs with dimensions of 1 among others (some empty), axes a subset of
 * those ones (negative sometimes) as the opset-13 value input, the opset-11 attribute, or absent
 * (every 1 goes). Invalid nodes: wrong arity, squeezing a dimension that is not 1.
 */
public final class SqueezeCases extends OpCases {

    /** Creates the generator. */
    public SqueezeCases() {
        super("Squeeze", Families.ALL, 0, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Integer> dim = Gens.frequency(
                Gens.weighted(1, Gens.constant(1)), Gens.weighted(1, Gens.dims(4, CaseSupport.EMPTY_ODDS)));
        Gen<Node> nodes = Gens.shapes(0, 5, dim)
                .flatMap(s -> Gens.tuples(Gens.fixedLists(Gens.ints(0, 2), s.rank()), Gens.ints(0, 3))
                        .map(t -> {
                            List<Long> axes = new ArrayList<>();
                            for (int i = 0; i < s.rank(); i++) {
                                int pick = t.first().get(i);
                                if (s.dim(i) == 1 && pick > 0) {
                                    axes.add(pick == 1 ? (long) i : (long) i - s.rank());
                                }
                            }
                            TensorType x = TensorType.of(claim.dataType(), s);
                            if (axes.isEmpty() || t.second() == 0) {
                                return node().input(x).build();
                            }
                            if (t.second() == 1) {
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
                        }));
        return CaseSupport.withRandomInputs(nodes);
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.ints(2, 5)
                .map(n -> new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(1, n)))
                                .constantInput(CaseSupport.int64s(1))
                                .build(),
                        "axis 1 has size " + n)));
    }
}
