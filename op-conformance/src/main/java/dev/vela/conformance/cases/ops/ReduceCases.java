package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cases for the ONNX Reduce* operators: rank 0..4 (some empty), {@code keepdims} absent, 0 or 1,
 * and the axes in both forms: the value input of the current opset (a subset in any order,
 * negative sometimes, or absent: all axes; with {@code noop_with_empty_axes=1} and no axes
 * nothing is reduced) and, one case in four, the {@code axes} attribute of the opset before
 * (13 for ReduceSum's input, 18 for the others). Invalid nodes: wrong arity, an axis given twice,
 * an axis out of range.
 *
 * <p>Long reductions: one case in {@value #LONG_ONE_IN}, and cases 1, 3, 5 and 7 of every run, reduce 1000 to 30000
 * elements per output ({@code [rows, K]} over its last axis or all of it), cases 5 and 7 100000 to 300000, long enough
 * that a kernel splits them between threads; their data is seeded. Float values never make the result depend on the precision a kernel
 * accumulates in (the reference sums in double; TFLite and ONNX Runtime in float32): the short cases keep NaN,
 * ±Inf, -0 and subnormals but not ±MAX_VALUE (MAX + MAX - MAX is MAX in double and Inf in float32), ReduceProd
 * multiplies values within [-2, 2] (a float32 partial product could overflow, then meet a 0 as NaN), and long
 * float sums draw from [-0.5, 1] (a positive mean: a long sum that cancels to near 0 would carry float32
 * rounding above the relative tolerance), long products from [0.99, 1.01].
 */
public final class ReduceCases extends OpCases {

    private final int axesInputSince;

    /** One case in this many is a long reduction. */
    static final int LONG_ONE_IN = 16;

    /**
     * @param op the operator
     * @param types the element types it takes
     */
    public ReduceCases(String op, Set<DataType> types) {
        super(op, types, 0, 3);
        this.axesInputSince = op.equals("ReduceSum") ? 13 : 18;
    }

    /** @return one generator per Reduce* operator */
    public static List<OpCases> all() {
        Set<DataType> floatsAndWide = Families.union(
                Families.FLOATS, Set.of(DataType.INT32, DataType.UINT32, DataType.INT64, DataType.UINT64));
        return List.of(
                new ReduceCases("ReduceSum", floatsAndWide),
                new ReduceCases("ReduceMax", Families.ALL),
                new ReduceCases("ReduceMin", Families.ALL),
                new ReduceCases("ReduceProd", floatsAndWide),
                new ReduceCases("ReduceL1", floatsAndWide),
                new ReduceCases("ReduceL2", Families.FLOATS),
                new ReduceCases("ReduceLogSum", Families.FLOATS),
                new ReduceCases("ReduceLogSumExp", Families.FLOATS),
                new ReduceCases("ReduceSumSquare", floatsAndWide),
                new ReduceCases("ReduceMean", Families.FLOATS));
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Node> nodes = CaseSupport.shapes().flatMap(s -> {
            int r = s.rank();
            return Gens.tuples(
                            Gens.tuples(permutations(r), Gens.ints(-1, r), Gens.fixedLists(Gens.booleans(), r)),
                            Gens.ints(-1, 1),
                            Gens.tuples(Gens.ints(0, 3), Gens.booleans()))
                    .map(t -> {
                        int count = t.first().second();
                        List<Long> axes = new ArrayList<>();
                        for (int i = 0; i < Math.max(0, count); i++) {
                            int a = t.first().first()[i];
                            axes.add(t.first().third().get(i) ? (long) a - r : (long) a);
                        }
                        Node.Builder b = node().input(TensorType.of(claim.dataType(), s));
                        if (t.second() >= 0) {
                            b.attr("keepdims", (long) t.second());
                        }
                        // the previous versions took neither bool nor bfloat16
                        boolean legacy = t.third().first() == 0
                                && claim.dataType() != DataType.BOOL
                                && claim.dataType() != DataType.BFLOAT16;
                        if (legacy) {
                            b.opset(axesInputSince - 1);
                            if (count >= 0) {
                                b.attributes()
                                        .put(
                                                "axes",
                                                axes.stream()
                                                        .mapToLong(Long::longValue)
                                                        .toArray());
                            }
                        } else if (count > 0) {
                            b.constantInput(CaseSupport.int64s(axes));
                        } else if (t.third().second()) {
                            b.attr("noop_with_empty_axes", 1L);
                        }
                        return b.build();
                    });
        });
        Gen<OpCase> shortCases =
                nodes.flatMap(n -> values(claim, n.inputType(0)).map(x -> CaseSupport.caseOf(n, List.of(x))));
        if (!longReductions(claim.dataType())) {
            return shortCases;
        }
        Gen<OpCase> longCases = longCases(claim, 1000, 30_000);
        Gen<OpCase> rest = Gens.frequency(Gens.weighted(LONG_ONE_IN - 1, shortCases), Gens.weighted(1, longCases));
        // cases 1 and 3 long, 5 and 7 very long (100000 to 300000 terms: each thread's share takes longer than
        // starting a thread, so threads finishing in another order from one call to the next is likely)
        java.util.List<Gen<OpCase>> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(null);
            first.add(i < 2 ? longCases : longCases(claim, 100_000, 300_000));
        }
        return Gens.firstCases(rest, first);
    }

    /** Float16 and bfloat16 are left out: a kernel accumulating thousands of terms in them is outside their tolerance. */
    private static boolean longReductions(DataType t) {
        return t != DataType.BOOL && t != DataType.FLOAT16 && t != DataType.BFLOAT16;
    }

    private boolean isSumLike() {
        String name = op.name();
        return !name.equals("ReduceMax") && !name.equals("ReduceMin");
    }

    /** Values of a short case (see the class comment on float values). */
    private Gen<dev.vela.spi.Tensor> values(KernelClaim claim, TensorType type) {
        if (!type.dataType().isFloatingPoint() || !isSumLike()) {
            return CaseSupport.tensor(type);
        }
        if (op.name().equals("ReduceProd")) {
            return dev.vela.conformance.cases.TensorGens.floatTensor(
                    type,
                    Gens.floats(-2f, 2f, 24)
                            .map(v -> Float.isFinite(v) && Math.abs(v) > 2f ? Math.copySign(2f, v) : v));
        }
        return dev.vela.conformance.cases.TensorGens.floatTensor(
                type, dev.vela.conformance.cases.TensorGens.reductionFloatValues());
    }

    /** [rows, K] reduced over the last axis (or, one case in four, every axis), K in minK..maxK, rows 1..3. */
    private Gen<OpCase> longCases(KernelClaim claim, int minK, int maxK) {
        return Gens.tuples(Knobs.of(0, maxK - minK, 1, 3, 0, 1, 0, 3), QuantGens.seeds())
                .map(t -> {
                    int[] k = t.first();
                    Shape s = Shape.of(k[1], minK + k[0]);
                    TensorType type = TensorType.of(claim.dataType(), s);
                    Node.Builder b = node().input(type).attr("keepdims", (long) k[2]);
                    if (k[3] > 0) {
                        b.constantInput(CaseSupport.int64s(1));
                    }
                    return CaseSupport.caseOf(b.build(), List.of(longValues(type, t.second())), "long reduction");
                });
    }

    private dev.vela.spi.Tensor longValues(TensorType type, long seed) {
        dev.vela.spi.Tensor t = dev.vela.spi.Tensor.allocate(type);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        boolean prod = op.name().equals("ReduceProd");
        for (int i = 0; i < type.elementCount(); i++) {
            if (type.dataType().isFloatingPoint()) {
                t.setDouble(i, (float) (prod ? 0.99 + 0.02 * r.nextDouble() : -0.5 + 1.5 * r.nextDouble()));
            } else {
                boolean unsigned = type.dataType().name().startsWith("UINT");
                t.setLong(i, (unsigned ? 0 : -3) + r.nextInt(unsigned ? 4 : 7));
            }
        }
        return t;
    }

    /** ReduceSum and ReduceMean of floats sum their inputs: cancelling terms widen the tolerance by their magnitudes. */
    @Override
    public boolean sumsOfTerms(OpCase c) {
        return c.node().inputType(0).dataType().isFloatingPoint()
                && (op.name().equals("ReduceSum") || op.name().equals("ReduceMean"));
    }

    @Override
    public int reductionSize(OpCase c) {
        // K is the product of the reduced dimensions
        Shape s = c.inputs().get(0).shape();
        boolean[] reduced = new boolean[s.rank()];
        long[] axes = c.node().inputCount() > 1 && c.node().hasInput(1)
                ? c.inputs().get(1).toLongArray()
                : c.node().attributes().getLongs("axes", new long[0]);
        boolean noop = c.node().attributes().getLong("noop_with_empty_axes", 0) != 0;
        for (int i = 0; i < s.rank(); i++) {
            reduced[i] = axes.length == 0 && !noop;
        }
        for (long a : axes) {
            reduced[(int) (a < 0 ? a + s.rank() : a)] = true;
        }
        long k = 1;
        for (int i = 0; i < s.rank(); i++) {
            if (reduced[i]) {
                k *= s.dim(i);
            }
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, k));
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        TensorType x = TensorType.of(claim.dataType(), Shape.of(2, 3));
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(x).constantInput(CaseSupport.int64s(1, -1)).build(), "axis 1 given twice")),
                Gens.constant(new InvalidNode(
                        node().input(x).constantInput(CaseSupport.int64s(2)).build(), "axis 2 of rank 2")));
    }
}
