package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cases for ONNX MatMul with numpy semantics: A and B each 1-D (a vector whose unit dimension is
 * dropped) or a matrix behind 0..2 batch dimensions that broadcast together; M, N in 1..5, K in
 * 0..5 (an empty sum is 0); one case in {@value LargeShapes#ONE_IN} has M, K or N beyond the common block
 * sizes ({@link LargeShapes}; each kind among the first ten cases of a run), and one float case in {@value FusedActivations#ONE_IN} a fused Relu or Clip.
 * Float values include NaN, infinities, -0 and subnormals but not ±MAX_VALUE (see
 * {@link dev.vela.conformance.cases.TensorGens#reductionFloatValues()}).
 * Integer products wrap. Invalid nodes: wrong arity, inner dimensions that differ, batch dimensions that do not
 * broadcast, a malformed fused Clip on floats.
 */
public final class MatMulCases extends OpCases {

    /** Creates the generator. */
    public MatMulCases() {
        super(
                "MatMul",
                Families.union(
                        Families.FLOATS, Set.of(DataType.INT32, DataType.UINT32, DataType.INT64, DataType.UINT64)),
                1,
                3);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<List<Shape>> batches =
                Gens.shapes(0, 2, 3, 0).flatMap(out -> Gens.fixedLists(CaseSupport.operandOf(out), 2));
        Gen<Node> nodes = Gens.tuples(
                        Gens.tuples(
                                Gens.dims(CaseSupport.MAX_DIM, 0),
                                Gens.dims(CaseSupport.MAX_DIM, 0),
                                Gens.dims(CaseSupport.MAX_DIM, 12)),
                        batches,
                        Gens.tuples(Gens.ints(0, 5), Gens.ints(0, 5)))
                .map(t -> {
                    int m = t.first().first();
                    int n = t.first().second();
                    int k = t.first().third();
                    boolean vectorA = t.third().first() == 0;
                    boolean vectorB = t.third().second() == 0;
                    Shape a = vectorA ? Shape.of(k) : append(t.second().get(0), m, k);
                    Shape b = vectorB ? Shape.of(k) : append(t.second().get(1), k, n);
                    return node().input(TensorType.of(claim.dataType(), a))
                            .input(TensorType.of(claim.dataType(), b))
                            .build();
                });
        Gen<OpCase> small = CaseSupport.withRandomReductionInputs(nodes);
        Gen<int[]> knobs = Knobs.of(0, 2, 0, 1, 0, 1);
        Gen<OpCase> all = Gens.frequency(
                Gens.weighted(LargeShapes.ONE_IN - 1, small),
                Gens.weighted(1, largeCases(claim, LargeShapes.matrices(), knobs)));
        List<Gen<OpCase>> kinds = new ArrayList<>();
        for (int kind = 0; kind < LargeShapes.KINDS; kind++) {
            kinds.add(largeCases(claim, LargeShapes.matrices(kind), knobs));
        }
        // the mid-sized kind batched on both operands, with B constant (batched weights a vendor may pack)
        kinds.set(
                LargeShapes.KINDS - 1,
                largeCases(claim, LargeShapes.matrices(LargeShapes.KINDS - 1), Gens.constant(new int[] {2, 0, 1})));
        return FusedActivations.sometimes(LargeShapes.eachKindFirst(all, kinds), claim.dataType());
    }

    /**
     * Large products ({@link LargeShapes#matrices()}): a row vector A given as [1, K] or as the 1-D [K], and
     * for the mid-sized shapes a batch of 2 on A alone or on both operands; B constant in half the cases.
     */
    private Gen<OpCase> largeCases(KernelClaim claim, Gen<int[]> shapes, Gen<int[]> knobs) {
        return Gens.tuples(shapes, knobs, LargeShapes.seeds()).map(t -> {
            int m = t.first()[0];
            int k = t.first()[1];
            int n = t.first()[2];
            int batch = m > 1 && m < LargeShapes.BEYOND && n < LargeShapes.BEYOND && k < LargeShapes.BEYOND
                    ? t.second()[0]
                    : 0;
            boolean vectorA = m == 1 && t.second()[1] == 1;
            Shape a = vectorA ? Shape.of(k) : batch > 0 ? Shape.of(2, m, k) : Shape.of(m, k);
            Shape b = batch == 2 ? Shape.of(2, k, n) : Shape.of(k, n);
            TensorType at = TensorType.of(claim.dataType(), a);
            TensorType bt = TensorType.of(claim.dataType(), b);
            Tensor bv = LargeShapes.fill(bt, t.third() + 1);
            // B constant (known at prepare, as weights are) in half the cases: a vendor may pack it
            boolean constantB = t.second()[2] == 1;
            Node node = constantB
                    ? node().input(at).constantInput(bv).build()
                    : node().input(at).input(bt).build();
            Tensor av = LargeShapes.fill(at, t.third());
            return CaseSupport.caseOf(node, constantB ? List.of(av) : List.of(av, bv), "large");
        });
    }

    private static Shape append(Shape batch, int rows, int cols) {
        List<Integer> dims = new ArrayList<>();
        for (int d : batch.dims()) {
            dims.add(d);
        }
        dims.add(rows);
        dims.add(cols);
        return Shape.of(dims);
    }

    /** Float outputs are sums of products of the inputs: cancelling terms widen the tolerance by their magnitudes. */
    @Override
    public boolean sumsOfTerms(OpCase c) {
        return c.node().inputType(0).dataType().isFloatingPoint();
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape a = c.node().inputType(0).shape();
        return Math.max(1, a.dim(a.rank() - 1));
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
                                node().input(TensorType.of(type, Shape.of(2, 2, 3)))
                                        .input(TensorType.of(type, Shape.of(3, 3, 4)))
                                        .build(),
                                "batch dimensions 2 and 3")),
                        FusedActivations.invalid(node().input(TensorType.of(type, Shape.of(2, 3)))
                                .input(TensorType.of(type, Shape.of(3, 4)))
                                .build()))
                .subList(0, type.isFloatingPoint() ? 3 : 2);
    }
}
