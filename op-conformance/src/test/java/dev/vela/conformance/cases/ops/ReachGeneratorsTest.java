package dev.vela.conformance.cases.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.cases.CaseGenerators;
import dev.vela.conformance.cases.OpCase;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Gemm, MatMul and Conv generate cases beyond the common block sizes (each shape past 256 in turn, GEMV,
 * many output channels, pointwise, large images, wide depthwise) within a bounded cost, and the float
 * generators of the fusing operators give some cases a fused Relu or Clip.
 */
class ReachGeneratorsTest {

    private static final int SAMPLES = 400;
    /** Most multiply-adds of one large case (the time budget's assumption). */
    private static final long MAX_MACS = 600_000;

    private static List<OpCase> samples(String claim) {
        KernelClaim c = KernelClaim.parse(claim);
        var gen = CaseGenerators.discover().find(c).orElseThrow().validCases(c);
        List<OpCase> out = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            out.add(gen.sample(i));
        }
        return out;
    }

    /** @return the first {@code count} cases of a run at this seed, as the kit generates them */
    private static List<OpCase> firstCases(String claim, long seed, int count) {
        KernelClaim c = KernelClaim.parse(claim);
        var gen = CaseGenerators.discover().find(c).orElseThrow().validCases(c);
        List<OpCase> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var id = new dev.vela.conformance.property.CaseId(seed, i);
            out.add(gen.generate(id.random(), id.size()).value());
        }
        return out;
    }

    private static boolean some(List<OpCase> cases, Predicate<OpCase> p) {
        return cases.stream().anyMatch(p);
    }

    /** @return {M, K, N} of a Gemm node */
    private static int[] gemm(Node n) {
        Shape a = n.inputType(0).shape();
        Shape b = n.inputType(1).shape();
        boolean ta = n.attributes().getLong("transA", 0) == 1;
        boolean tb = n.attributes().getLong("transB", 0) == 1;
        return new int[] {ta ? a.dim(1) : a.dim(0), ta ? a.dim(0) : a.dim(1), tb ? b.dim(0) : b.dim(1)};
    }

    @Test
    void gemmReachesPastTheBlockInEveryDimensionAtBoundedCost() {
        List<OpCase> cases = samples("Gemm/float32/ANY");
        assertThat(some(cases, c -> gemm(c.node())[0] == 1 && gemm(c.node())[1] > 256))
                .as("1 x K GEMV")
                .isTrue();
        assertThat(some(cases, c -> gemm(c.node())[0] > 256)).as("M > 256").isTrue();
        assertThat(some(cases, c -> gemm(c.node())[2] > 256)).as("N > 256").isTrue();
        assertThat(some(cases, c -> gemm(c.node())[0] >= 4 && gemm(c.node())[1] >= 8 && gemm(c.node())[1] % 4 != 0))
                .as("four rows and K a remainder")
                .isTrue();
        assertThat(some(cases, c -> c.labels().contains("large") && c.node().inputCount() == 3))
                .as("large with C")
                .isTrue();
        assertThat(some(
                        cases,
                        c -> c.labels().contains("large")
                                && c.node().inputValue(1).isPresent()
                                && c.node().inputCount() == 3
                                && c.inputs().get(2).type().equals(c.node().inputType(2))))
                .as("large with constant B and C")
                .isTrue();
        assertThat(cases).allSatisfy(c -> {
            int[] d = gemm(c.node());
            assertThat((long) d[0] * d[1] * d[2]).isLessThanOrEqualTo(MAX_MACS);
        });
        long large = cases.stream().filter(c -> c.labels().contains("large")).count();
        assertThat(large).as("about one in %d", LargeShapes.ONE_IN).isBetween(SAMPLES / 16L, SAMPLES / 4L);
        assertThat(some(cases, c -> c.labels().contains("fused Relu"))).isTrue();
        assertThat(some(cases, c -> c.labels().contains("fused Clip"))).isTrue();
    }

    @Test
    void everyLargeKindIsAmongTheFirstTenCasesOfARunAtAnySeed() {
        for (long seed : new long[] {1, 20261120, -7}) {
            List<OpCase> gemm = firstCases("Gemm/float32/ANY", seed, 10);
            assertThat(some(gemm, c -> gemm(c.node())[0] == 1 && gemm(c.node())[1] > 256))
                    .as("GEMV")
                    .isTrue();
            assertThat(some(gemm, c -> gemm(c.node())[0] > 256)).as("M > 256").isTrue();
            assertThat(some(gemm, c -> gemm(c.node())[1] > 256)).as("K > 256").isTrue();
            assertThat(some(
                            gemm,
                            c -> gemm(c.node())[2] == 511
                                    && c.node().attributes().getFloat("alpha", 1f) != 1f
                                    && c.node().inputValue(1).isPresent()
                                    && c.node().attributes().getLong("transB", 0) == 0
                                    && c.node().inputCount() == 3
                                    && c.node().inputValue(2).isPresent()))
                    .as("N = 255 (mod 256), alpha 0.5, constant B [K, N] and C [N]")
                    .isTrue();
            assertThat(some(
                            gemm,
                            c -> c.node().inputCount() == 3
                                    && c.node().inputValue(2).isPresent()
                                    && c.node().inputType(2).shape().equals(Shape.of(gemm(c.node())[0], 1))
                                    && gemm(c.node())[0] > 1))
                    .as("constant C [M, 1]")
                    .isTrue();
            assertThat(some(
                            gemm,
                            c -> c.node().inputCount() == 3
                                    && c.node().inputValue(2).isPresent()
                                    && c.node()
                                            .inputType(2)
                                            .shape()
                                            .equals(Shape.of(gemm(c.node())[0], gemm(c.node())[2]))
                                    && gemm(c.node())[0] > 1))
                    .as("constant C [M, N]")
                    .isTrue();
            assertThat(some(gemm, c -> java.util.Arrays.stream(gemm(c.node())).allMatch(d -> d >= 9 && d < 256)))
                    .as("mid-sized")
                    .isTrue();
            List<OpCase> matMul = firstCases("MatMul/float32/ANY", seed, 10);
            assertThat(some(
                            matMul,
                            c -> c.node().inputType(1).shape().rank() == 3
                                    && c.node().inputValue(1).isPresent()))
                    .as("constant batched B")
                    .isTrue();
            assertThat(some(
                            matMul,
                            c -> c.node()
                                            .inputType(0)
                                            .shape()
                                            .dim(c.node().inputType(0).shape().rank() - 2)
                                    > 256))
                    .as("MatMul M > 256")
                    .isTrue();
            for (String layout : List.of("NCHW", "NHWC")) {
                List<OpCase> conv = firstCases("Conv/float32/" + layout, seed, 10);
                assertThat(conv.stream()
                                .filter(c -> c.labels().contains("large"))
                                .count())
                        .as(layout)
                        .isGreaterThanOrEqualTo(4);
                assertThat(some(conv, c -> c.labels().contains("pads beyond kernel")))
                        .as(layout)
                        .isTrue();
                assertThat(some(conv, c -> c.node().attributes().getLong("group", 1) > 16))
                        .as(layout + " depthwise")
                        .isTrue();
            }
        }
    }

    @Test
    void everyBinaryOperatorMeetsARowAgainstAMatrixAndAColumnEitherSideFirst() {
        for (String claim : List.of(
                "Add/float32/ANY",
                "Sub/float32/ANY",
                "Mul/int32/ANY",
                "Div/float32/ANY",
                "Pow/float32/ANY",
                "Equal/int64/ANY")) {
            for (long seed : new long[] {3, 20261120}) {
                List<List<Shape>> shapes = firstCases(claim, seed, 5).stream()
                        .map(c -> List.of(
                                c.node().inputType(0).shape(),
                                c.node().inputType(1).shape()))
                        .toList();
                assertThat(shapes)
                        .as(claim)
                        .contains(
                                List.of(Shape.of(3), Shape.of(2, 3)),
                                List.of(Shape.of(2, 3), Shape.of(3)),
                                List.of(Shape.of(3), Shape.of(2, 1)),
                                List.of(Shape.of(2, 1), Shape.of(3)));
            }
        }
    }

    @Test
    void theFirstInvalidConvNodesOfARunHaveEveryDefect() {
        for (String claim : List.of("Conv/float32/NHWC", "Conv/int8/NCHW")) {
            KernelClaim c = KernelClaim.parse(claim);
            var gen = CaseGenerators.discover()
                    .find(c)
                    .orElseThrow()
                    .invalidNodes(c)
                    .orElseThrow();
            for (long seed : new long[] {2, 20261120}) {
                java.util.Set<String> reasons = new java.util.HashSet<>();
                for (int i = 0; i < 12; i++) {
                    var id = new dev.vela.conformance.property.CaseId(seed, i);
                    reasons.add(gen.generate(id.random(), id.size()).value().why());
                }
                assertThat(reasons)
                        .as(claim)
                        .contains(
                                "stride 0",
                                "dilation 0",
                                "dilation 0 along the width",
                                "negative pad",
                                "group 0",
                                "dilated kernel larger than the input",
                                "wrong arity: 4 inputs",
                                "wrong arity: no weights");
            }
        }
    }

    @Test
    void invalidConvNodesHaveConstantWeightsAndBias() {
        for (String claim : List.of("Conv/float32/NCHW", "Conv/float32/NHWC", "Conv/int8/NHWC", "Conv/uint8/NCHW")) {
            KernelClaim c = KernelClaim.parse(claim);
            var gen = CaseGenerators.discover()
                    .find(c)
                    .orElseThrow()
                    .invalidNodes(c)
                    .orElseThrow();
            for (int i = 0; i < 100; i++) {
                Node n = gen.sample(i).node();
                for (int input = 1; input < n.inputCount(); input++) {
                    assertThat(n.inputValue(input))
                            .as(claim + " " + gen.sample(i).why() + " input " + input)
                            .isPresent();
                }
            }
        }
    }

    @Test
    void matMulReachesAVectorTimesALargeMatrixAndBatches() {
        List<OpCase> cases = samples("MatMul/float32/ANY");
        assertThat(some(
                        cases,
                        c -> c.labels().contains("large")
                                && c.node().inputType(0).shape().rank() == 1))
                .isTrue();
        assertThat(some(
                        cases,
                        c -> c.labels().contains("large")
                                && c.node().inputType(0).shape().rank() == 3))
                .isTrue();
        assertThat(some(
                        cases,
                        c -> c.labels().contains("large")
                                && c.node().inputValue(1).isPresent()))
                .as("constant B")
                .isTrue();
        Shape ints = samples("MatMul/int32/ANY").stream()
                .filter(c -> c.labels().contains("large"))
                .findFirst()
                .orElseThrow()
                .node()
                .inputType(1)
                .shape();
        assertThat(ints.elementCount()).isGreaterThan(256);
        assertThat(some(samples("MatMul/int64/ANY"), c -> c.labels().stream().anyMatch(l -> l.startsWith("fused"))))
                .isFalse();
    }

    @Test
    void convReachesManyChannelsPointwiseLargeImagesAndWideDepthwise() {
        for (String layout : List.of("NCHW", "NHWC")) {
            List<OpCase> cases = samples("Conv/float32/" + layout);
            boolean nhwc = layout.equals("NHWC");
            Predicate<OpCase> manyOut = c -> c.node().inputType(1).shape().dim(0) > 64;
            Predicate<OpCase> pointwise = c -> {
                Shape w = c.node().inputType(1).shape();
                int kh = nhwc ? w.dim(1) : w.dim(2);
                int kw = nhwc ? w.dim(2) : w.dim(3);
                return kh == 1
                        && kw == 1
                        && c.node().attributes().getInts("strides")[0] == 1
                        && !c.node().attributes().has("auto_pad")
                        && java.util.Arrays.stream(c.node().attributes().getInts("pads"))
                                .allMatch(p -> p == 0)
                        && w.dim(0) >= 8;
            };
            Predicate<OpCase> bigImage = c -> {
                Shape x = c.node().inputType(0).shape();
                return (nhwc ? x.dim(1) * x.dim(2) : x.dim(2) * x.dim(3)) > 256;
            };
            Predicate<OpCase> wideDepthwise = c -> c.node().attributes().getLong("group", 1) > 16;
            assertThat(some(cases, manyOut))
                    .as(layout + " many output channels")
                    .isTrue();
            assertThat(some(cases, pointwise)).as(layout + " pointwise").isTrue();
            assertThat(some(cases, bigImage)).as(layout + " large image").isTrue();
            assertThat(some(cases, wideDepthwise))
                    .as(layout + " wide depthwise")
                    .isTrue();
            assertThat(some(cases, c -> c.labels().contains("fused Clip"))).isTrue();
            assertThat(some(cases, c -> {
                        Shape w = c.node().inputType(1).shape();
                        int kh = nhwc ? w.dim(1) : w.dim(2);
                        return c.node().attributes().has("pads")
                                && c.node().attributes().getInts("pads")[0] >= kh;
                    }))
                    .as(layout + " pads reaching past the kernel")
                    .isTrue();
        }
    }

    @Test
    void invalidWindowGeometryAndMalformedFusedClipsAreRefusedByTheReference() {
        java.util.Set<String> reasons = new java.util.HashSet<>();
        for (String claim : List.of(
                "Conv/float32/NCHW",
                "Conv/float32/NHWC",
                "Conv/int8/NHWC",
                "Conv/uint8/NCHW",
                "MaxPool/float32/NCHW",
                "AveragePool/float32/NHWC",
                "Gemm/float32/ANY",
                "MatMul/float32/ANY",
                "Mul/float32/ANY")) {
            KernelClaim c = KernelClaim.parse(claim);
            var gen = CaseGenerators.discover()
                    .find(c)
                    .orElseThrow()
                    .invalidNodes(c)
                    .orElseThrow();
            var ref = new dev.vela.reference.ReferenceProvider()
                    .factories().stream()
                            .filter(f -> f.op().equals(c.op()))
                            .findFirst()
                            .orElseThrow();
            for (int i = 0; i < 150; i++) {
                var n = gen.sample(i);
                reasons.add(n.why());
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> ref.prepare(n.node()))
                        .as(claim + ": " + n.describe())
                        .isInstanceOf(dev.vela.spi.InvalidNodeException.class);
            }
        }
        assertThat(reasons)
                .contains(
                        "stride 0",
                        "dilation 0",
                        "negative pad",
                        "kernel size 0",
                        "group 0",
                        "dilated kernel larger than the input",
                        "wrong arity: 4 inputs",
                        "kernel size 0 along the height",
                        "wrong arity: 2 inputs",
                        "fused Clip with one bound",
                        "fused Clip with min > max",
                        "fused Clip without activation_params");
    }
}
