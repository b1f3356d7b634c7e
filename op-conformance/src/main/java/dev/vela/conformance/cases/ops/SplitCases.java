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
 * Cases for ONNX Split along an axis of rank 1..4 inputs, in its four forms: the {@code split}
 * value input (opset 13 on; parts of size 0 included), the opset-18 {@code num_outputs} with a
 * smaller last part, the opset-11 {@code split} attribute, and an equal split with neither.
 * Invalid nodes: wrong arity, parts that do not sum to the axis.
 */
public final class SplitCases extends OpCases {

    /** Creates the generator. */
    public SplitCases() {
        super("Split", Families.ALL, 0, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Node> nodes = CaseSupport.shapes(1, 0)
                .flatMap(s -> Gens.tuples(axis(s.rank()), Gens.lists(Gens.ints(0, 3), 1, 4), Gens.ints(0, 3))
                        .map(t -> {
                            int a = normalize(t.first(), s.rank());
                            List<Integer> parts = t.second();
                            int size =
                                    parts.stream().mapToInt(Integer::intValue).sum();
                            int[] dims = s.dims();
                            dims[a] = size;
                            TensorType x = TensorType.of(claim.dataType(), Shape.of(dims));
                            int n = parts.size();
                            long[] split =
                                    parts.stream().mapToLong(Integer::longValue).toArray();
                            Node.Builder b =
                                    node().attr("axis", (long) t.first()).outputs(n);
                            switch (t.third()) {
                                case 1 -> {
                                    int chunk = (size + n - 1) / n;
                                    if (size > 0 && (long) chunk * (n - 1) >= size) {
                                        return node().attr("axis", (long) t.first())
                                                .input(x)
                                                .constantInput(CaseSupport.int64s(split))
                                                .outputs(n)
                                                .build();
                                    }
                                    return b.opset(18)
                                            .attr("num_outputs", (long) n)
                                            .input(x)
                                            .build();
                                }
                                case 2 -> {
                                    b.opset(11).attributes().put("split", split);
                                    return b.input(x).build();
                                }
                                case 3 -> {
                                    // an equal split needs an axis size the outputs divide
                                    int[] equal = s.dims();
                                    equal[a] = n * parts.get(0);
                                    return b.opset(11)
                                            .input(TensorType.of(claim.dataType(), Shape.of(equal)))
                                            .build();
                                }
                                default -> {
                                    return b.input(x)
                                            .constantInput(CaseSupport.int64s(split))
                                            .build();
                                }
                            }
                        }));
        return CaseSupport.withRandomInputs(nodes);
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.ints(2, 5)
                .map(n -> new InvalidNode(
                        node().attr("axis", 0L)
                                .outputs(2)
                                .input(TensorType.of(claim.dataType(), Shape.of(n)))
                                .constantInput(CaseSupport.int64s(1, n))
                                .build(),
                        "parts sum past the axis")));
    }
}
