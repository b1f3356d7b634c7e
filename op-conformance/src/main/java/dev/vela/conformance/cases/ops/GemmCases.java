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
 * Cases for ONNX Gemm on floating types: M, N in 1..5 and K in 0..5 (an empty sum gives beta * C),
 * {@code transA}/{@code transB} each absent, 0 or 1, {@code alpha}/{@code beta} absent or in
 * [-2, 2] (0 included), and C absent or any shape broadcasting to [M, N] (scalar, [N], [M, 1],
 * [M, N]); one case in {@value LargeShapes#ONE_IN} has M, K or N beyond the common block sizes
 * ({@link LargeShapes}; each kind among the first ten cases of a run), and one float case in {@value FusedActivations#ONE_IN} a fused Relu or Clip.
 * Float values include NaN, infinities, -0 and subnormals but not ±MAX_VALUE (see
 * {@link dev.vela.conformance.cases.TensorGens#reductionFloatValues()}).
 * Invalid nodes: wrong arity, inner dimensions that differ, a C that does not broadcast, a malformed fused Clip.
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
        Gen<Float> scale = Gens.frequency(
                Gens.weighted(2, Gens.constant(Float.NaN)),
                Gens.weighted(1, Gens.constant(0f)),
                Gens.weighted(3, Gens.floats(-2f, 2f)));
        Gen<Node> nodes = Gens.tuples(
                        Gens.tuples(
                                Gens.dims(CaseSupport.MAX_DIM, 0),
                                Gens.dims(CaseSupport.MAX_DIM, 0),
                                Gens.dims(CaseSupport.MAX_DIM, 12)),
                        Gens.tuples(flag, flag),
                        Gens.tuples(scale, scale, Gens.booleans()))
                .flatMap(t -> {
                    int m = t.first().first();
                    int n = t.first().second();
                    int k = t.first().third();
                    return CaseSupport.operandOf(Shape.of(m, n)).map(c -> {
                        boolean ta = t.second().first() == 1;
                        boolean tb = t.second().second() == 1;
                        Node.Builder b = node().input(
                                        TensorType.of(claim.dataType(), ta ? Shape.of(k, m) : Shape.of(m, k)))
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
        Gen<OpCase> small = CaseSupport.withRandomReductionInputs(nodes);
        Gen<int[]> knobs = Knobs.of(0, 1, 0, 1, 0, 1, 0, 6, 0, 1);
        Gen<OpCase> all = Gens.frequency(
                Gens.weighted(LargeShapes.ONE_IN - 1, small),
                Gens.weighted(1, largeCases(claim, LargeShapes.matrices(), knobs)));
        List<Gen<OpCase>> kinds = new java.util.ArrayList<>();
        for (int kind = 0; kind < LargeShapes.KINDS; kind++) {
            kinds.add(largeCases(claim, LargeShapes.matrices(kind), knobs));
        }
        // the wide kind as a fully connected layer: B constant and not transposed, alpha 0.5, a constant C [N]
        kinds.set(2, largeCases(claim, wideByOnePanelLess(), Gens.constant(new int[] {0, 0, 1, 4, 1})));
        // and constant C of several rows, one per row ([M, 1]) or full ([M, N]), which must not be taken for a bias row
        kinds.set(3, largeCases(claim, LargeShapes.matrices(3), Knobs.of(0, 1, 0, 1, 0, 1, 5, 5, 0, 1)));
        kinds.set(4, largeCases(claim, LargeShapes.matrices(4), Knobs.of(0, 1, 0, 1, 0, 1, 6, 6, 0, 1)));
        return FusedActivations.sometimes(LargeShapes.eachKindFirst(all, kinds), claim.dataType());
    }

    /** @return a wide product whose N is one short of a multiple of 256 (511), the panel a vendor's count may miss */
    private static Gen<int[]> wideByOnePanelLess() {
        return LargeShapes.matrices(2).map(d -> new int[] {d[0], d[1], 2 * 256 - 1});
    }

    /**
     * Large products ({@link LargeShapes#matrices()}): either transposition, alpha absent or 0.5, beta absent,
     * C absent, [N], [M, 1] or [M, N], given at run time or constant, and B constant (known at prepare) or not.
     *
     * @param shapes the {@code {M, K, N}} shapes
     * @param knobs transA, transB, alpha 0.5, C (0 none, 1 [N], 2 [M, 1], 3 [M, N]; 4, 5, 6 the same constant), constant B
     */
    private Gen<OpCase> largeCases(KernelClaim claim, Gen<int[]> shapes, Gen<int[]> knobs) {
        return Gens.tuples(shapes, knobs, LargeShapes.seeds()).map(t -> {
            int m = t.first()[0];
            int k = t.first()[1];
            int n = t.first()[2];
            int[] knob = t.second();
            boolean ta = knob[0] == 1;
            boolean tb = knob[1] == 1;
            long seed = t.third();
            TensorType at = TensorType.of(claim.dataType(), ta ? Shape.of(k, m) : Shape.of(m, k));
            TensorType bt = TensorType.of(claim.dataType(), tb ? Shape.of(n, k) : Shape.of(k, n));
            Tensor bv = LargeShapes.fill(bt, seed + 1);
            Node.Builder b = node().input(at);
            if (knob[4] == 1) {
                b.constantInput(bv); // weights known at prepare, as in a fully connected layer: a vendor may pack them
            } else {
                b.input(bt);
            }
            b.attr("transA", (long) knob[0]).attr("transB", (long) knob[1]);
            if (knob[2] == 1) {
                b.attr("alpha", 0.5f);
            }
            // the values of the non-constant inputs, in order
            List<Tensor> inputs = new java.util.ArrayList<>(List.of(LargeShapes.fill(at, seed)));
            if (knob[4] == 0) {
                inputs.add(bv);
            }
            int cKind = knob[3] > 3 ? knob[3] - 3 : knob[3];
            Shape c = cKind == 1 ? Shape.of(n) : cKind == 2 ? Shape.of(m, 1) : Shape.of(m, n);
            if (knob[3] > 3) {
                b.constantInput(LargeShapes.fill(TensorType.of(claim.dataType(), c), seed + 2));
            } else if (knob[3] > 0) {
                TensorType ct = TensorType.of(claim.dataType(), c);
                b.input(ct);
                inputs.add(LargeShapes.fill(ct, seed + 2));
            }
            return CaseSupport.caseOf(b.build(), inputs, "large");
        });
    }

    /** Float outputs are sums of products of the inputs: cancelling terms widen the tolerance by their magnitudes. */
    @Override
    public boolean sumsOfTerms(OpCase c) {
        return c.node().inputType(0).dataType().isFloatingPoint();
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
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(type, Shape.of(2, 3)))
                                .input(TensorType.of(type, Shape.of(4, 2)))
                                .build(),
                        "inner dimensions 3 and 4")),
                Gens.constant(new InvalidNode(
                        node().input(TensorType.of(type, Shape.of(2, 3)))
                                .input(TensorType.of(type, Shape.of(3, 4)))
                                .input(TensorType.of(type, Shape.of(3)))
                                .build(),
                        "C [3] does not broadcast to [2, 4]")),
                FusedActivations.invalid(node().input(TensorType.of(type, Shape.of(2, 3)))
                        .input(TensorType.of(type, Shape.of(3, 4)))
                        .build()));
    }
}
