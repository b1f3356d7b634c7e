package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Cases for ONNX Expand: an input that broadcasts to a result shape (fewer dimensions, ones), and a
 * target shape that is the result with some dimensions written as 1 where the input already has
 * them and leading ones dropped (broadcasting works both ways). Invalid nodes: wrong arity, a target that does not broadcast.
 */
public final class ExpandCases extends OpCases {

    /** Creates the generator. */
    public ExpandCases() {
        super("Expand", Families.ALL, 1, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(CaseSupport.shapes()
                .flatMap(out -> Gens.tuples(CaseSupport.operandOf(out), Gens.fixedLists(Gens.booleans(), out.rank()))
                        .map(t -> {
                            Shape in = t.first();
                            int offset = out.rank() - in.rank();
                            List<Long> target = new ArrayList<>();
                            for (int i = 0; i < out.rank(); i++) {
                                boolean inputHasIt = i >= offset && in.dim(i - offset) == out.dim(i);
                                if (t.second().get(i) && inputHasIt) {
                                    target.add(1L);
                                } else {
                                    target.add((long) out.dim(i));
                                }
                            }
                            // leading ones of a target longer than the input can go: the input's own rank still makes
                            // the result
                            while (target.size() > in.rank()
                                    && target.get(0) == 1L
                                    && t.second().get(0)) {
                                target.remove(0);
                            }
                            return node().input(TensorType.of(claim.dataType(), in))
                                    .constantInput(CaseSupport.int64s(target))
                                    .build();
                        })));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.ints(2, 5)
                .map(n -> new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(n)))
                                .constantInput(CaseSupport.int64s(n + 1))
                                .build(),
                        "target does not broadcast")));
    }
}
