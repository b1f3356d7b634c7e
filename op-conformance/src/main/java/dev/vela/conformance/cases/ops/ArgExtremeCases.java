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
 * Cases for ONNX ArgMax and ArgMin: rank 1..4 (other axes may be empty; the reduced one never is:
 * it has no answer), {@code axis} (negative sometimes) or absent, {@code keepdims} and {@code
 * select_last_index} each absent, 0 or 1, and values with frequent ties and special values.
 * Invalid nodes: wrong arity, axis out of range, an empty reduced axis.
 */
public final class ArgExtremeCases extends OpCases {

    /**
     * @param op ArgMax or ArgMin
     */
    public ArgExtremeCases(String op) {
        super(op, Families.NUMBERS, 0, 2);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Integer> flag = Gens.ints(-1, 1);
        Gen<Node> nodes = CaseSupport.shapes(1, CaseSupport.EMPTY_ODDS)
                .flatMap(s -> Gens.tuples(Gens.ints(-s.rank() - 1, s.rank() - 1), flag, flag)
                        .map(t -> {
                            int axis = t.first() < -s.rank() ? 0 : normalize(t.first(), s.rank());
                            int[] dims = s.dims();
                            dims[axis] = Math.max(1, dims[axis]);
                            Node.Builder b = node().input(TensorType.of(claim.dataType(), Shape.of(dims)));
                            if (t.first() >= -s.rank()) {
                                b.attr("axis", (long) t.first());
                            }
                            if (t.second() >= 0) {
                                b.attr("keepdims", (long) t.second());
                            }
                            if (t.third() >= 0) {
                                b.attr("select_last_index", (long) t.third());
                            }
                            return b.build();
                        }));
        return LinalgValues.withTies(nodes);
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(2, 3)))
                                .attr("axis", 2L)
                                .build(),
                        "axis 2 of rank 2")),
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(0, 3)))
                                .attr("axis", 0L)
                                .build(),
                        "empty reduced axis")));
    }
}
