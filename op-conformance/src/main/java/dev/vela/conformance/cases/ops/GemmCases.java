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
 * Cases for ONNX Gemm on floating types: M, N in 1..5 and K in 0..5 (an empty sum gives beta * C),
 * {@code transA}/{@code transB} each absent, 0 or 1, {@code alpha}/{@code beta} absent or in
 * [-2, 2] (0 included), and C absent or any shape broadcasting to [M, N] (scalar, [N], [M, 1],
 * [M, N]). Invalid nodes: wrong arity, inner dimensions that differ, a C that does not broadcast.
 */
public final class GemmCases extends OpCases {

    /** Creates the generator. */
    public GemmCases() {
        super("Gemm", Families.FLOATS, 1, 4);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Integer> flag = Gens.ints(-1, 1);
        // NaN stands for "attribute absent" (the default 1.0); 0 tests that a zero beta ignores C
        Gen<Float> scale = Gens.frequency(Gens.weighted(2, Gens.constant(Float.NaN)), Gens.weighted(1, Gens.constant(0f)),
                Gens.weighted(3, Gens.floats(-2f, 2f)));
        Gen<Node> nodes = Gens.tuples(Gens.tuples(Gens.dims(CaseSupport.MAX_DIM, 0), Gens.dims(CaseSupport.MAX_DIM, 0),
                Gens.dims(CaseSupport.MAX_DIM, 12)), Gens.tuples(flag, flag), Gens.tuples(scale, scale, Gens.booleans()))
                .flatMap(t -> {
                    int m = t.first().first();
                    int n = t.first().second();
                    int k = t.first().third();
                    return CaseSupport.operandOf(Shape.of(m, n)).map(c -> {
                        boolean ta = t.second().first() == 1;
                        boolean tb = t.second().second() == 1;
                        Node.Builder b = node().input(TensorType.of(claim.dataType(), ta ? Shape.of(k, m) : Shape.of(m, k)))
                                .input(TensorType.of(claim.dataType(), tb ? Shape.of(n, k) : Shape.of(k, n)));
                        if (t.second().first() >= 0) {
                            b.attr("transA", (long) t.second().first());
                        }
                        if (t.second().second() >= 0) {
                            b.attr("transB", (long) t.second().second());
                        }
                        if (!Float.isNaN(t.third().first())) {
                            b.attr("alpha", t.third().first());
                        }
                        if (!Float.isNaN(t.third().second())) {
                            b.attr("beta", t.third().second());
                        }
                        if (t.third().third()) {
                            b.input(TensorType.of(claim.dataType(), c));
                        }
                        return b.build();
                    });
                });
        return CaseSupport.withRandomInputs(nodes);
    }

    @Override
    public int reductionSize(OpCase c) {
        boolean ta = c.node().attributes().getLong("transA", 0) != 0;
        Shape a = c.node().inputType(0).shape();
        return Math.max(1, ta ? a.dim(0) : a.dim(1)) + 1;
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        var type = claim.dataType();
        return List.of(Gens.constant(new InvalidNode(node().input(TensorType.of(type, Shape.of(2, 3)))
                        .input(TensorType.of(type, Shape.of(4, 2))).build(), "inner dimensions 3 and 4")),
                Gens.constant(new InvalidNode(node().input(TensorType.of(type, Shape.of(2, 3)))
                        .input(TensorType.of(type, Shape.of(3, 4))).input(TensorType.of(type, Shape.of(3))).build(),
                        "C [3] does not broadcast to [2, 4]")));
    }
}
