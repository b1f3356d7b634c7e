package dev.vela.conformance.cases.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.cases.CaseGenerators;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.CaseId;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The first cases of a claim meet every value of every attribute its generator varies, at any seed: a kernel
 * wrong for one grouping mode, one padding mode, dilation, ceil_mode or one requantization edge is refused by
 * the run's first fifteen cases, not by a lucky seed.
 */
class FirstCasesCoverAttributesTest {

    private static final long[] SEEDS = {1, 5, 8, 20261120, -7};

    private static List<OpCase> firstCases(String claim, long seed) {
        KernelClaim c = KernelClaim.parse(claim);
        var gen = CaseGenerators.discover().find(c).orElseThrow().validCases(c);
        List<OpCase> out = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            CaseId id = new CaseId(seed, i);
            out.add(gen.generate(id.random(), id.size()).value());
        }
        return out;
    }

    private static void assertSome(List<OpCase> cases, String what, Predicate<OpCase> p) {
        assertThat(cases.stream().anyMatch(p)).as(what).isTrue();
    }

    private static boolean label(OpCase c, String label) {
        return c.labels().contains(label);
    }

    private static long attr(OpCase c, String name) {
        return c.node().attributes().getLong(name, 0);
    }

    @Test
    void convMeetsEveryGroupingPaddingStrideAndDilation() {
        for (String type : List.of("float32", "int8", "uint8", "int16")) {
            for (String layout : List.of("NCHW", "NHWC")) {
                String claim = "Conv/" + type + "/" + layout;
                for (long seed : SEEDS) {
                    List<OpCase> cases = firstCases(claim, seed);
                    String at = claim + " seed " + seed + ": ";
                    assertSome(cases, at + "plain", c -> label(c, "plain"));
                    assertSome(cases, at + "depthwise", c -> label(c, "depthwise"));
                    assertSome(cases, at + "two groups", c -> label(c, "grouped"));
                    assertSome(cases, at + "dilated depthwise", c -> label(c, "dilated") && label(c, "depthwise"));
                    assertSome(cases, at + "dilated and strided", c -> label(c, "dilated") && label(c, "strided"));
                    assertSome(cases, at + "no bias", c -> c.node().inputCount() == 2);
                    assertSome(cases, at + "bias", c -> c.node().inputCount() == 3);
                    for (String pad : List.of("auto_pad SAME_UPPER", "auto_pad SAME_LOWER", "explicit pads")) {
                        assertSome(cases, at + pad, c -> label(c, pad) && label(c, "odd padding total"));
                    }
                }
            }
        }
    }

    @Test
    void floatPoolsMeetCeilModeInsideAndAtThePaddingAndEachOperatorsOwnAttribute() {
        for (String layout : List.of("NCHW", "NHWC")) {
            for (long seed : SEEDS) {
                List<OpCase> max = firstCases("MaxPool/float32/" + layout, seed);
                List<OpCase> avg = firstCases("AveragePool/float32/" + layout, seed);
                List<OpCase> lp = firstCases("LpPool/float32/" + layout, seed);
                for (List<OpCase> cases : List.of(max, avg, lp)) {
                    String at = cases.get(0).node().op() + " " + layout + " seed " + seed + ": ";
                    assertSome(cases, at + "ceil_mode", c -> attr(c, "ceil_mode") == 1 && !label(c, "explicit pads"));
                    assertSome(
                            cases,
                            at + "ceil_mode with pads",
                            c -> attr(c, "ceil_mode") == 1 && label(c, "explicit pads"));
                    assertSome(
                            cases,
                            at + "strided floor mode",
                            c -> attr(c, "ceil_mode") == 0
                                    && c.node().attributes().getInts("strides")[0] == 2);
                    for (String pad : List.of("auto_pad SAME_UPPER", "auto_pad SAME_LOWER")) {
                        assertSome(cases, at + pad, c -> label(c, pad));
                    }
                }
                String at = layout + " seed " + seed + ": ";
                assertSome(avg, at + "count_include_pad", c -> label(c, "count_include_pad"));
                assertSome(
                        avg,
                        at + "count_include_pad off with pads",
                        c -> !label(c, "count_include_pad") && label(c, "explicit pads"));
                assertSome(max, at + "indices", c -> c.node().outputCount() == 2);
                if (layout.equals("NCHW")) {
                    assertSome(max, at + "storage order 1", c -> label(c, "storage_order 1"));
                }
                for (long p = 1; p <= 3; p++) {
                    long order = p;
                    assertSome(lp, at + "p " + p, c -> attr(c, "p") == order);
                }
            }
        }
    }

    @Test
    void quantizedMulAveragePoolAndSoftmaxMeetTheirRequantizationEdges() {
        for (long seed : SEEDS) {
            for (String type : List.of("int8", "int16")) {
                List<OpCase> mul = firstCases("Mul/" + type + "/ANY", seed);
                for (String m : List.of("0.5", "0.25", "0.999", "1.5", "3.0")) {
                    assertSome(mul, "Mul " + type + " multiplier " + m, c -> label(c, "multiplier " + m));
                }
            }
            for (String type : List.of("int8", "uint8", "int16")) {
                List<OpCase> avg = firstCases("AveragePool/" + type + "/NHWC", seed);
                assertSome(avg, "AveragePool " + type + " ties", c -> label(c, "requantization edge"));
                List<OpCase> softmax = firstCases("Softmax/" + type + "/ANY", seed);
                for (int e = 0; e < 6; e++) {
                    String edge = "softmax edge " + e;
                    assertSome(softmax, "Softmax " + type + " " + edge, c -> label(c, edge));
                }
                assertSome(softmax, "Softmax " + type + " a clamped input multiplier", c -> {
                    Node n = c.node();
                    double product = n.inputType(0).quantization().orElseThrow().scale()
                            * n.attributes().getFloat("beta", 1f);
                    return product * (type.equals("int16") ? 256 : 1) >= 32;
                });
            }
        }
    }
}
