package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX CumSum: rank 1..4 (some empty), the axis a scalar int32 or int64 value input
 * (negative sometimes), {@code exclusive} and {@code reverse} each absent, 0 or 1; integer sums
 * wrap. Invalid nodes: wrong arity, an axis beyond the rank.
 */
public final class CumSumCases extends OpCases {

    /** Creates the generator. */
    public CumSumCases() {
        super("CumSum", Families.NUMBERS, 1, 3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        // float values without ±MAX_VALUE: a running sum through MAX + MAX - MAX depends on the accumulation precision
        return CaseSupport.withRandomReductionInputs(CaseSupport.shapes(1, CaseSupport.EMPTY_ODDS)
                .flatMap(s -> Gens.tuples(
                                axis(s.rank()), Gens.tuples(Gens.ints(-1, 1), Gens.ints(-1, 1)), Gens.booleans())
                        .map(t -> {
                            Tensor axis = t.third()
                                    ? Tensor.ofInts(Shape.scalar(), t.first())
                                    : Tensor.ofLongs(Shape.scalar(), t.first());
                            Node.Builder b = node().input(TensorType.of(claim.dataType(), s))
                                    .constantInput(axis);
                            if (t.second().first() >= 0) {
                                b.attr("exclusive", (long) t.second().first());
                            }
                            if (t.second().second() >= 0) {
                                b.attr("reverse", (long) t.second().second());
                            }
                            return b.build();
                        })));
    }

    /** Float outputs are sums of products of the inputs: cancelling terms widen the tolerance by their magnitudes. */
    @Override
    public boolean sumsOfTerms(OpCase c) {
        return c.node().inputType(0).dataType().isFloatingPoint();
    }

    @Override
    public int reductionSize(OpCase c) {
        Tensor x = c.inputs().get(0);
        int a = (int) c.inputs().get(1).getLong(0);
        return Math.max(1, x.shape().dim(a < 0 ? a + x.shape().rank() : a));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(3)))
                                .constantInput(Tensor.ofLongs(Shape.scalar(), 1))
                                .build(),
                        "axis 1 of a rank-1 input")),
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(claim.dataType(), Shape.of(3)))
                                .constantInput(Tensor.ofFloats(Shape.scalar(), 0f))
                                .build(),
                        "float axis")));
    }
}
