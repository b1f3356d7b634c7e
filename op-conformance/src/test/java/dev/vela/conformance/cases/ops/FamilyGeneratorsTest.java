package dev.vela.conformance.cases.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.CaseGenerators;
import dev.vela.conformance.cases.OpCase;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The elementwise, tensor and linalg generators produce the configurations their javadoc
 * promises (opset variants, attribute forms, special values, empty tensors) and keep values valid
 * where the reference would fail at invoke.
 */
class FamilyGeneratorsTest {

    private static final int SAMPLES = 300;

    private static List<OpCase> samples(String claim) {
        KernelClaim c = KernelClaim.parse(claim);
        CaseGenerator gen = CaseGenerators.discover().find(c).orElseThrow();
        List<OpCase> cases = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            cases.add(gen.validCases(c).sample(i));
        }
        return cases;
    }

    private static boolean some(List<OpCase> cases, Predicate<OpCase> p) {
        return cases.stream().anyMatch(p);
    }

    private static boolean hasAttr(OpCase c, String name) {
        return c.node().attributes().has(name);
    }

    private static long[] constant(OpCase c, int input) {
        return longs(c.node().inputValue(input).orElseThrow());
    }

    @Test
    void reshapeCoversInferredCopiedAndZeroDimensionsAndTheShapeAttribute() {
        List<OpCase> cases = samples("Reshape/float32/ANY");
        assertThat(some(cases, c -> c.node().opsetVersion() == 1 && hasAttr(c, "shape")))
                .isTrue();
        assertThat(some(
                        cases,
                        c -> hasAttr(c, "allowzero")
                                && c.node().inputType(0).shape().isEmpty()))
                .isTrue();
        assertThat(some(cases, c -> c.node().opsetVersion() >= 5 && contains(constant(c, 1), -1)))
                .isTrue();
        assertThat(some(
                        cases,
                        c -> c.node().opsetVersion() >= 5 && !hasAttr(c, "allowzero") && contains(constant(c, 1), 0)))
                .isTrue();
    }

    @Test
    void splitCoversItsFourForms() {
        List<OpCase> cases = samples("Split/int8/ANY");
        assertThat(some(cases, c -> c.node().opsetVersion() == 18 && hasAttr(c, "num_outputs")))
                .isTrue();
        assertThat(some(cases, c -> c.node().opsetVersion() == 11 && hasAttr(c, "split")))
                .isTrue();
        assertThat(some(
                        cases,
                        c -> c.node().opsetVersion() == 11
                                && !hasAttr(c, "split")
                                && c.node().outputCount() > 1))
                .isTrue();
        assertThat(some(cases, c -> c.node().inputCount() == 2 && contains(constant(c, 1), 0)))
                .isTrue();
        assertThat(cases).allSatisfy(c -> {
            if (c.node().inputCount() == 2) {
                assertThat(constant(c, 1)).hasSize(c.node().outputCount());
            }
        });
    }

    @Test
    void sliceCoversNegativeStepsClampedBoundsOmittedInputsAndTheAttributeForm() {
        List<OpCase> cases = samples("Slice/float32/ANY");
        assertThat(some(cases, c -> c.node().inputCount() == 5 && constant(c, 4)[0] < 0))
                .isTrue();
        assertThat(some(cases, c -> c.node().inputCount() == 3)).isTrue();
        assertThat(some(cases, c -> c.node().inputCount() == 4)).isTrue();
        assertThat(some(cases, c -> c.node().inputCount() >= 3 && contains(constant(c, 2), Long.MAX_VALUE)))
                .isTrue();
        assertThat(some(cases, c -> c.node().opsetVersion() == 1 && hasAttr(c, "starts")))
                .isTrue();
    }

    @Test
    void reductionsCoverBothAxesFormsNoopAndKeepdims() {
        List<OpCase> sum = samples("ReduceSum/float32/ANY");
        assertThat(some(sum, c -> c.node().opsetVersion() == 12 && hasAttr(c, "axes")))
                .isTrue();
        assertThat(some(sum, c -> c.node().opsetVersion() >= 13 && c.node().inputCount() == 2))
                .isTrue();
        assertThat(some(sum, c -> hasAttr(c, "noop_with_empty_axes"))).isTrue();
        assertThat(some(sum, c -> c.node().attributes().getLong("keepdims", 1) == 0))
                .isTrue();
        assertThat(some(samples("ReduceMax/int8/ANY"), c -> c.node().opsetVersion() == 17 && hasAttr(c, "axes")))
                .isTrue();
        assertThat(samples("ReduceMax/bool/ANY"))
                .noneMatch(c -> c.node().opsetVersion() < 18); // bool came with ReduceMax-20
    }

    @Test
    void binaryOperatorsBroadcastIncludeScalarsEmptyTensorsAndSpecialValues() {
        List<OpCase> cases = samples("Mul/float32/ANY");
        assertThat(some(cases, c -> c.labels().contains("broadcast"))).isTrue();
        assertThat(some(cases, c -> c.labels().contains("scalar operand"))).isTrue();
        assertThat(some(cases, c -> c.labels().contains("empty"))).isTrue();
        assertThat(some(cases, c -> c.labels().contains("special values"))).isTrue();
        assertThat(some(cases, c -> c.node().opsetVersion() == 6 && hasAttr(c, "axis")))
                .isTrue();
        assertThat(some(cases, c -> c.node().opsetVersion() == 6 && !hasAttr(c, "broadcast")))
                .isTrue();
        assertThat(samples("Mul/int8/ANY")).noneMatch(c -> c.node().opsetVersion() < 7); // opset 6 Mul took no int8
    }

    @Test
    void integerDivisionAndRemainderNeverDivideByZero() {
        for (String claim : List.of("Div/int32/ANY", "Mod/uint8/ANY", "Mod/int64/ANY")) {
            assertThat(samples(claim)).allSatisfy(c -> {
                Tensor b = c.inputs().get(1);
                for (int i = 0; i < b.elementCount(); i++) {
                    assertThat(b.getLong(i)).as(claim).isNotZero();
                }
            });
        }
        assertThat(samples("Mod/float32/ANY"))
                .allSatisfy(
                        c -> assertThat(c.node().attributes().getLong("fmod")).isEqualTo(1));
    }

    @Test
    void indicesStayInRange() {
        assertThat(samples("GatherND/float32/ANY")).allSatisfy(c -> {
            long[] idx = constant(c, 1);
            Node n = c.node();
            int k = n.inputType(1).shape().dim(n.inputType(1).shape().rank() - 1);
            int b = (int) n.attributes().getLong("batch_dims", 0);
            for (int i = 0; i < idx.length; i++) {
                int size = n.inputType(0).shape().dim(b + i % k);
                assertThat(idx[i]).isBetween((long) -size, (long) size - 1);
            }
        });
        assertThat(samples("Gather/int64/ANY")).allSatisfy(c -> {
            int axis = (int) c.node().attributes().getLong("axis", 0);
            int rank = c.node().inputType(0).shape().rank();
            int size = c.node().inputType(0).shape().dim(axis < 0 ? axis + rank : axis);
            for (long v : longs(c.inputs().get(1))) {
                assertThat(v).isBetween((long) -size, (long) size - 1);
            }
        });
    }

    @Test
    void scatterIndicesNeverRepeatAlongALine() {
        assertThat(samples("ScatterElements/int32/ANY")).allSatisfy(c -> {
            var shape = c.node().inputType(1).shape();
            int rank = shape.rank();
            int axis = (int) c.node().attributes().getLong("axis", 0);
            int a = axis < 0 ? axis + rank : axis;
            int size = c.node().inputType(0).shape().dim(a);
            long[] idx = constant(c, 1);
            int stride = 1;
            for (int d = a + 1; d < rank; d++) {
                stride *= shape.dim(d);
            }
            Set<String> seen = new TreeSet<>();
            for (int e = 0; e < idx.length; e++) {
                int j = (e / stride) % shape.dim(a);
                long normalized = idx[e] < 0 ? idx[e] + size : idx[e];
                assertThat(seen.add((e - j * stride) + ":" + normalized))
                        .as("repeated index %s", normalized)
                        .isTrue();
            }
        });
    }

    @Test
    void castReachesEveryTargetByCodeAndByName() {
        List<OpCase> cases = samples("Cast/float32/ANY");
        Set<String> targets = new TreeSet<>();
        for (OpCase c : cases) {
            c.labels().stream().filter(l -> l.startsWith("to ")).forEach(targets::add);
        }
        assertThat(targets).hasSize(13);
        assertThat(some(cases, c -> c.labels().contains("by name"))).isTrue();
        // floating to integer stays in the target's range (ONNX leaves the rest undefined)
        assertThat(cases).allSatisfy(c -> {
            if (c.labels().contains("to uint8")) {
                for (float v : c.inputs().get(0).toFloatArray()) {
                    assertThat(v).isBetween(0f, 100f);
                }
            }
        });
    }

    @Test
    void clipCoversTheAttributeFormAbsentBoundsAndMinAboveMax() {
        List<OpCase> cases = samples("Clip/float16/ANY");
        assertThat(some(cases, c -> c.node().opsetVersion() == 6)).isTrue();
        assertThat(some(cases, c -> c.node().inputCount() == 3 && !c.node().hasInput(1)))
                .isTrue();
        assertThat(some(cases, c -> c.labels().contains("min above max"))).isTrue();
        assertThat(samples("Clip/int8/ANY")).noneMatch(c -> c.node().opsetVersion() < 11);
    }

    @Test
    void matMulCoversVectorsAndBroadcastBatches() {
        List<OpCase> cases = samples("MatMul/int32/ANY");
        assertThat(some(cases, c -> c.node().inputType(0).shape().rank() == 1)).isTrue();
        assertThat(some(cases, c -> c.node().inputType(1).shape().rank() == 1)).isTrue();
        assertThat(some(
                        cases,
                        c -> c.node().inputType(0).shape().rank() == 4
                                && c.node().inputType(1).shape().rank() < 4))
                .isTrue();
        assertThat(some(cases, c -> c.inputs().get(0).elementCount() == 0)).isTrue();
    }

    @Test
    void topKAndArgMaxSeeTiesAndBothKForms() {
        List<OpCase> topk = samples("TopK/float32/ANY");
        assertThat(some(topk, c -> c.node().opsetVersion() == 1 && hasAttr(c, "k")))
                .isTrue();
        assertThat(samples("TopK/int32/ANY")).noneMatch(c -> c.node().opsetVersion() < 10); // TopK-1 took floats only
        assertThat(some(topk, c -> c.node().attributes().getLong("largest", 1) == 0))
                .isTrue();
        assertThat(some(samples("ArgMax/uint8/ANY"), c -> hasTie(c.inputs().get(0)) && hasAttr(c, "select_last_index")))
                .isTrue();
    }

    @Test
    void roundingOperatorsSeeExactHalvesAndInverseTrigonometrySeesItsDomain() {
        assertThat(some(samples("Round/float32/ANY"), c -> {
                    for (float v : c.inputs().get(0).toFloatArray()) {
                        if (v != Math.rint(v) && v * 2 == Math.rint(v * 2)) {
                            return true;
                        }
                    }
                    return false;
                }))
                .isTrue();
        assertThat(some(samples("Atanh/float32/ANY"), c -> {
                    for (float v : c.inputs().get(0).toFloatArray()) {
                        if (Math.abs(v) < 1) {
                            return true;
                        }
                    }
                    return false;
                }))
                .isTrue();
    }

    @Test
    void unaryOperatorsDrawTheirAttributes() {
        assertThat(some(
                        samples("Gelu/float32/ANY"),
                        c -> "tanh".equals(c.node().attributes().getString("approximate", ""))))
                .isTrue();
        assertThat(samples("Celu/float64/ANY"))
                .noneMatch(c -> c.node().attributes().getFloat("alpha", 1f) == 0f);
        assertThat(some(
                        samples("IsInf/bfloat16/ANY"),
                        c -> c.node().attributes().getLong("detect_negative", 1) == 0))
                .isTrue();
    }

    @Test
    void everyGeneratorOfTheFamiliesIsRegisteredOncePerOperator() {
        Set<OpId> ops = new TreeSet<>();
        List<CaseGenerator> all = new java.util.ArrayList<>(CaseGenerators.builtIn());
        // the nn/quantized generators add the quantized forms of Softmax, Gemm, ...: mixed in by design
        Set<Class<?>> nnQuantized = new java.util.HashSet<>();
        NnQuantizedCases.all().forEach(g -> nnQuantized.add(g.getClass()));
        all.removeIf(g -> nnQuantized.contains(g.getClass()));
        for (CaseGenerator g : all) {
            if (g instanceof AddCases || g instanceof ReluCases) {
                continue;
            }
            assertThat(ops.add(g.op())).as("second generator for %s", g.op()).isTrue();
        }
        assertThat(ops).hasSizeGreaterThanOrEqualTo(68 + 29 + 17);
        assertThat(Families.ALL)
                .containsAll(java.util.Arrays.stream(DataType.values())
                        .filter(t -> !t.isSubByte())
                        .toList())
                .noneMatch(DataType::isSubByte);
    }

    private static boolean hasTie(Tensor t) {
        Set<Long> seen = new TreeSet<>();
        for (long v : longs(t)) {
            if (!seen.add(v)) {
                return true;
            }
        }
        return false;
    }

    private static long[] longs(Tensor t) {
        long[] v = new long[t.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getLong(i);
        }
        return v;
    }

    private static boolean contains(long[] values, long v) {
        for (long x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
