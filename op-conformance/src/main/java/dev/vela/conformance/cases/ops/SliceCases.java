package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.conformance.property.Tuple3;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX Slice on rank 1..4 inputs (some empty): for a subset of the axes in any order
 * (written negative sometimes), starts and ends anywhere from beyond the front to beyond the end
 * (clamped; {@code Long.MAX_VALUE}/{@code MIN_VALUE} as exporters write "to the end"), steps of
 * ±1..3; axes and steps present or omitted. One case in five uses the opset-1 attribute form
 * (no steps). Invalid nodes: wrong arity, a step of 0, a repeated axis.
 */
public final class SliceCases extends OpCases {

    /** Creates the generator. */
    public SliceCases() {
        super("Slice", Families.ALL, 1, 6);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Node> nodes = CaseSupport.shapes(1, CaseSupport.EMPTY_ODDS).flatMap(s -> {
            int r = s.rank();
            Gen<Long> bound = Gens.frequency(
                    Gens.weighted(8, Gens.ints(-7, 7).map(Integer::longValue)),
                    Gens.weighted(1, Gens.elements(Long.MAX_VALUE, Long.MIN_VALUE)));
            Gen<Long> step = Gens.elements(1L, -1L, 2L, -2L, 3L, -3L);
            Gen<List<Tuple3<Long, Long, Long>>> perAxis = Gens.fixedLists(Gens.tuples(bound, bound, step), r);
            return Gens.tuples(
                            permutations(r),
                            Gens.tuples(Gens.ints(1, r), Gens.fixedLists(Gens.booleans(), r)),
                            Gens.tuples(perAxis, Gens.ints(0, 4), Gens.booleans()))
                    .map(t -> {
                        int k = t.second().first();
                        long[] axes = new long[k];
                        long[] starts = new long[k];
                        long[] ends = new long[k];
                        long[] steps = new long[k];
                        boolean legacy = t.third().second() == 0;
                        for (int i = 0; i < k; i++) {
                            int ax = t.first()[i];
                            axes[i] = t.second().second().get(i) ? ax - r : ax;
                            var v = t.third().first().get(i);
                            starts[i] = v.first();
                            ends[i] = v.second();
                            steps[i] = legacy ? 1 : v.third();
                        }
                        TensorType x = TensorType.of(claim.dataType(), s);
                        boolean identityAxes = k == r && isIdentity(t.first());
                        if (legacy) {
                            Node.Builder b = node().opset(1).input(x);
                            b.attributes().put("starts", starts).put("ends", ends);
                            if (!identityAxes || t.third().third()) {
                                b.attributes().put("axes", axes);
                            }
                            return b.build();
                        }
                        Node.Builder b = node().input(x)
                                .constantInput(CaseSupport.int64s(starts))
                                .constantInput(CaseSupport.int64s(ends));
                        boolean unitSteps = allOne(steps);
                        boolean omitSteps = unitSteps && t.third().third();
                        boolean omitAxes = identityAxes && omitSteps;
                        if (!omitAxes) {
                            b.constantInput(CaseSupport.int64s(axes));
                        } else {
                            return b.build();
                        }
                        if (!omitSteps) {
                            b.constantInput(CaseSupport.int64s(steps));
                        }
                        return b.build();
                    });
        });
        return CaseSupport.withRandomInputs(nodes);
    }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static boolean allOne(long[] steps) {
        for (long s : steps) {
            if (s != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    List<Gen<InvalidNode>> moreInvalidNodes(KernelClaim claim) {
        TensorType x = TensorType.of(claim.dataType(), Shape.of(4, 3));
        return List.of(
                Gens.constant(new InvalidNode(
                        node().input(x)
                                .constantInput(CaseSupport.int64s(0))
                                .constantInput(CaseSupport.int64s(2))
                                .constantInput(CaseSupport.int64s(0))
                                .constantInput(CaseSupport.int64s(0))
                                .build(),
                        "step 0")),
                Gens.constant(new InvalidNode(
                        node().input(x)
                                .constantInput(CaseSupport.int64s(0, 0))
                                .constantInput(CaseSupport.int64s(2, 2))
                                .constantInput(CaseSupport.int64s(1, -1))
                                .build(),
                        "axis 1 given twice")));
    }
}
