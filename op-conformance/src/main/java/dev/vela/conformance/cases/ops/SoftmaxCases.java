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
 * Cases for ONNX Softmax, LogSoftmax and Hardmax on floating types: rank 1..4 (some empty),
 * opset 13 lanes along {@code axis} (absent: -1) and, one case in four, the opset-11 form that
 * coerces the input to 2-D at {@code axis} (absent: 1); values with ties (Hardmax's first maximum)
 * and special values. Invalid nodes: wrong arity, axis out of range.
 */
public final class SoftmaxCases extends OpCases {

    /**
     * @param op Softmax, LogSoftmax or Hardmax
     */
    public SoftmaxCases(String op) {
        super(op, Families.FLOATS, 0, 2);
    }

    /** @return the three generators */
    public static List<OpCases> all() {
        return List.of(new SoftmaxCases("Softmax"), new SoftmaxCases("LogSoftmax"), new SoftmaxCases("Hardmax"));
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Node> nodes = CaseSupport.shapes(1, CaseSupport.EMPTY_ODDS)
                .flatMap(s -> Gens.tuples(Gens.ints(-s.rank() - 1, s.rank() - 1), Gens.ints(0, 3))
                        .map(t -> {
                            Node.Builder b = node().input(TensorType.of(claim.dataType(), s));
                            boolean legacy =
                                    t.second() == 0 && s.rank() >= 2 && Families.OLD_FLOATS.contains(claim.dataType());
                            if (legacy) {
                                b.opset(11);
                            }
                            if (t.first() >= -s.rank()) {
                                b.attr("axis", (long) t.first());
                            }
                            return b.build();
                        }));
        return LinalgValues.withTies(nodes);
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape s = c.node().inputType(0).shape();
        int axis = (int) c.node().attributes().getLong("axis", c.node().opsetVersion() >= 13 ? -1 : 1);
        int a = normalize(axis, s.rank());
        if (c.node().opsetVersion() >= 13) {
            return Math.max(1, s.dim(a));
        }
        int lane = 1;
        for (int d = a; d < s.rank(); d++) {
            lane *= s.dim(d);
        }
        return Math.max(1, lane);
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(Gens.ints(1, 3)
                .map(r -> new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(new int[r])))
                                .attr("axis", (long) r)
                                .build(),
                        "axis " + r + " of a rank-" + r + " input")));
    }
}
