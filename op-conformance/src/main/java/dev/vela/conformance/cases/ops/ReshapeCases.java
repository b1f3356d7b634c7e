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
 * Cases for ONNX Reshape: a target made by merging neighbouring input dimensions and inserting
 * ones, then one dimension written as -1 (inferred) and some as 0 (copied) when the input is not
 * empty; empty inputs use {@code allowzero=1} so their zeros are real. One case in five uses the
 * opset-1 {@code shape} attribute (for float32, float16 and float64, the types Reshape-1 took). Invalid nodes: wrong arity, a target of another element count, two -1.
 */
public final class ReshapeCases extends OpCases {

    /** Creates the generator. */
    public ReshapeCases() {
        super("Reshape", Families.ALL, 1, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Node> nodes = CaseSupport.shapes().flatMap(s -> {
            int r = s.rank();
            return Gens.tuples(
                            Gens.fixedLists(Gens.booleans(), Math.max(0, r - 1)),
                            Gens.fixedLists(
                                    Gens.frequency(
                                            Gens.weighted(4, Gens.constant(false)),
                                            Gens.weighted(1, Gens.constant(true))),
                                    r + 1),
                            Gens.tuples(Gens.ints(-1, r), Gens.fixedLists(Gens.booleans(), r), Gens.ints(0, 4)))
                    .map(t -> {
                        List<Long> target = new ArrayList<>();
                        long run = 1;
                        for (int i = 0; i < r; i++) {
                            if (t.second().get(i)) {
                                target.add(1L);
                            }
                            run *= s.dim(i);
                            if (i == r - 1 || !t.first().get(i)) {
                                target.add(run);
                                run = 1;
                            }
                        }
                        if (t.second().get(r)) {
                            target.add(1L);
                        }
                        boolean empty = s.isEmpty();
                        if (!empty) {
                            for (int i = 0; i < Math.min(r, target.size()); i++) {
                                if (t.third().second().get(i) && target.get(i) == s.dim(i)) {
                                    target.set(i, 0L); // copied from the input
                                }
                            }
                            int minus = t.third().first();
                            if (minus >= 0 && minus < target.size()) {
                                target.set(minus, -1L);
                            }
                        }
                        TensorType x = TensorType.of(claim.dataType(), s);
                        if (!empty && t.third().third() == 0 && Families.OLD_FLOATS.contains(claim.dataType())) {
                            long[] shape =
                                    target.stream().mapToLong(Long::longValue).toArray();
                            Node.Builder legacy = node().opset(1);
                            legacy.attributes().put("shape", shape);
                            return legacy.input(x).build();
                        }
                        Node.Builder b = node().input(x).constantInput(CaseSupport.int64s(target));
                        if (empty) {
                            b.attr("allowzero", 1L);
                        }
                        return b.build();
                    });
        });
        return CaseSupport.withRandomInputs(nodes);
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(
                Gens.ints(2, 5)
                        .map(n -> new InvalidNode(
                                node().input(TensorType.of(claim.dataType(), Shape.of(n)))
                                        .constantInput(CaseSupport.int64s(n + 1))
                                        .build(),
                                "target of another element count")),
                Gens.ints(2, 5)
                        .map(n -> new InvalidNode(
                                node().input(TensorType.of(claim.dataType(), Shape.of(n, 2)))
                                        .constantInput(CaseSupport.int64s(-1, -1))
                                        .build(),
                                "two -1 in the target")));
    }
}
