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
 * Cases for ONNX TopK: rank 1..4 (some empty), {@code axis} (negative sometimes) or absent, k from
 * 0 to the axis size as the opset-11 int64 value input or, one case in four, the opset-1 {@code k}
 * attribute; {@code largest} and {@code sorted} absent, 0 or 1 (the reference always sorts, which
 * sorted=0 allows); values with frequent ties (lower index first) and NaN. Invalid nodes: wrong
 * arity, k beyond the axis.
 */
public final class TopKCases extends OpCases {

    /** Creates the generator. */
    public TopKCases() {
        super("TopK", Families.NUMBERS, 0, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Integer> flag = Gens.ints(-1, 1);
        Gen<Node> nodes = CaseSupport.shapes(1, CaseSupport.EMPTY_ODDS)
                .flatMap(s -> Gens.tuples(
                                Gens.ints(-s.rank() - 1, s.rank() - 1),
                                Gens.tuples(flag, flag, Gens.ints(0, 3)),
                                Gens.ints(0, CaseSupport.MAX_DIM))
                        .map(t -> {
                            int axis = t.first() < -s.rank() ? s.rank() - 1 : normalize(t.first(), s.rank());
                            long k = Math.min(t.third(), s.dim(axis));
                            Node.Builder b = node().outputs(2).input(TensorType.of(claim.dataType(), s));
                            if (t.first() >= -s.rank()) {
                                b.attr("axis", (long) t.first());
                            }
                            if (t.second().third() == 0
                                    && Families.OLD_FLOATS.contains(claim.dataType())) { // TopK-1 took these only
                                b.opset(1).attr("k", k);
                            } else {
                                b.constantInput(CaseSupport.int64s(k));
                                if (t.second().first() >= 0) {
                                    b.attr("largest", (long) t.second().first());
                                }
                                if (t.second().second() >= 0) {
                                    b.attr("sorted", (long) t.second().second());
                                }
                            }
                            return b.build();
                        }));
        return LinalgValues.withTies(nodes);
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.constant(new InvalidNode(
                node().outputs(2)
                        .input(TensorType.of(claim.dataType(), Shape.of(2, 3)))
                        .constantInput(CaseSupport.int64s(4))
                        .build(),
                "k 4 beyond an axis of 3")));
    }
}
