package dev.vela.conformance.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.Shape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PropertyEngineTest {

    private static final Budget GENEROUS = new Budget(200, Duration.ofSeconds(30), 10_000, Duration.ofSeconds(30));

    private static int sum(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void theSameSeedGeneratesTheSameCasesAndAnotherSeedOthers() {
        Gen<List<Integer>> gen = Gens.lists(Gens.ints(-1000, 1000), 0, 30);
        Property<List<Integer>> p = Property.forAll(gen, l -> {});
        List<List<Integer>> first = new ArrayList<>();
        List<List<Integer>> again = new ArrayList<>();
        List<List<Integer>> other = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add(p.generate(7, i));
            again.add(p.generate(7, i));
            other.add(p.generate(8, i));
        }
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(new HashSet<>(first)).hasSizeGreaterThan(40);
    }

    @Test
    void aFailingSumShrinksToAListSummingToExactlyTheBoundWithNoZeros() {
        Property<List<Integer>> p = Property.forAll(
                Gens.lists(Gens.ints(0, 1000), 0, 20), l -> assertThat(sum(l)).isLessThan(100));
        PropertyResult<List<Integer>> r = p.run(42, GENEROUS);
        Counterexample<List<Integer>> cx = r.counterexample().orElseThrow();
        assertThat(sum(cx.original())).isGreaterThanOrEqualTo(100);
        assertThat(sum(cx.shrunk())).isEqualTo(100);
        assertThat(cx.shrunk())
                .doesNotContain(0)
                .hasSizeLessThanOrEqualTo(cx.original().size());
        assertThat(cx.failure()).isInstanceOf(AssertionError.class);
        assertThat(cx.shrinksAccepted()).isPositive();
    }

    @Test
    void aLargeElementShrinksToTheSingleMinimalCounterexample() {
        Property<List<Integer>> p = Property.forAll(
                Gens.lists(Gens.ints(-1000, 1000), 0, 20), l -> assertThat(l).allMatch(x -> x < 100));
        Counterexample<List<Integer>> cx = p.run(3, GENEROUS).counterexample().orElseThrow();
        assertThat(cx.shrunk()).containsExactly(100);
    }

    @Test
    void shapesShrinkToALocallyMinimalShape() {
        Property<Shape> p = Property.forAll(
                Gens.shapes(0, 4, 6, 0), s -> assertThat(s.elementCount()).isLessThan(10));
        Shape shrunk = p.run(11, GENEROUS).counterexample().orElseThrow().shrunk();
        assertThat(shrunk.elementCount()).isGreaterThanOrEqualTo(10);
        for (int axis = 0; axis < shrunk.rank(); axis++) {
            int d = shrunk.dim(axis);
            assertThat(shrunk.elementCount() / d * (d - 1))
                    .as("dim %d of %s could shrink", axis, shrunk)
                    .isLessThan(10);
        }
        assertThat(shrunk.rank()).isLessThanOrEqualTo(2);
    }

    @Test
    void replayRegeneratesTheFailingCaseAndShrinksItTheSameWay() {
        Property<List<Integer>> p = Property.forAll(
                Gens.lists(Gens.ints(0, 1000), 0, 20), l -> assertThat(sum(l)).isLessThan(300));
        Counterexample<List<Integer>> cx = p.run(99, GENEROUS).counterexample().orElseThrow();
        assertThat(cx.caseId().seed()).isEqualTo(99);
        assertThat(cx.replayLine())
                .isEqualTo("replay: -Dvela.conformance.replay=99:" + cx.caseId().index());

        CaseId parsed = CaseId.parse(cx.replayLine().substring(cx.replayLine().indexOf('=') + 1));
        assertThat(p.generate(parsed.seed(), parsed.index())).isEqualTo(cx.original());
        PropertyResult<List<Integer>> replayed = p.replay(parsed.seed(), parsed.index(), GENEROUS);
        assertThat(replayed.casesRun()).isEqualTo(1);
        assertThat(replayed.counterexample().orElseThrow().shrunk()).isEqualTo(cx.shrunk());
        assertThat(replayed.counterexample().orElseThrow().original()).isEqualTo(cx.original());
    }

    @Test
    void triesAreBoundedByTheBudget() {
        AtomicInteger calls = new AtomicInteger();
        PropertyResult<Integer> r =
                Property.forAll(Gens.ints(0, 10), x -> calls.incrementAndGet()).run(1, Budget.DEFAULT.withTries(37));
        assertThat(calls).hasValue(37);
        assertThat(r.casesRun()).isEqualTo(37);
        assertThat(r.passed()).isTrue();
        assertThat(r.exhausted()).isFalse();
    }

    @Test
    void timeIsBoundedByTheBudget() {
        PropertyResult<Integer> r = Property.forAll(Gens.ints(0, 10), x -> sleep(20))
                .run(1, Budget.DEFAULT.withTries(1000).withMaxTime(Duration.ofMillis(100)));
        assertThat(r.exhausted()).isTrue();
        assertThat(r.casesRun()).isBetween(1, 10);
        assertThat(r.elapsedMillis()).isLessThan(1000);
    }

    @Test
    void shrinkStepsAreBoundedByTheBudget() {
        Property<List<Integer>> p = Property.forAll(Gens.lists(Gens.ints(0, 1_000_000), 20, 40), l -> {
            throw new AssertionError("always");
        });
        Counterexample<List<Integer>> cx =
                p.run(5, Budget.DEFAULT.withShrinkSteps(7)).counterexample().orElseThrow();
        assertThat(cx.shrinkSteps()).isEqualTo(7);
        Counterexample<List<Integer>> none =
                p.run(5, Budget.DEFAULT.withShrinkSteps(0)).counterexample().orElseThrow();
        assertThat(none.shrunk()).isEqualTo(none.original());
    }

    @Test
    void discardedCasesAndLabelsAreCounted() {
        PropertyResult<Integer> r = Property.forAll(Gens.ints(0, 9), x -> CaseDiscarded.assume(x % 2 == 0, "odd"))
                .classifiedBy(x -> List.of(x < 5 ? "small" : "large"))
                .run(17, Budget.DEFAULT.withTries(200));
        assertThat(r.casesRun() + r.casesDiscarded()).isEqualTo(200);
        assertThat(r.statistics().count("odd")).isEqualTo(r.casesDiscarded()).isPositive();
        assertThat(r.statistics().count("small") + r.statistics().count("large"))
                .isEqualTo(r.casesRun());
    }

    @Test
    void aFilterGivesUpAfterItsRetryBound() {
        Gen<Integer> impossible = Gens.ints(0, 10).filter(x -> x > 10, 25);
        assertThatThrownBy(() -> impossible.sample(1))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("25");
        Gen<Integer> even = Gens.ints(0, 100).filter(x -> x % 2 == 0);
        for (long s = 0; s < 50; s++) {
            assertThat(even.sample(s) % 2).isZero();
        }
    }

    @Test
    void filteredValuesShrinkOnlyToValuesThatPassTheFilter() {
        Gen<Integer> odd = Gens.ints(0, 1000).filter(x -> x % 2 == 1);
        Counterexample<Integer> cx = Property.forAll(odd, x -> assertThat(x).isLessThan(50))
                .run(4, GENEROUS)
                .counterexample()
                .orElseThrow();
        // Shrinking keeps to odd values that still fail; halving steps may stop above the bound.
        assertThat(cx.shrunk() % 2).isEqualTo(1);
        assertThat(cx.shrunk()).isBetween(51, cx.original());
        assertThat(cx.shrunk()).isLessThan(60);
    }

    @Test
    void numbersAreBiasedTowardTheirEdges() {
        Set<Integer> seen = new HashSet<>();
        Gen<Integer> g = Gens.ints(-50_000, 50_000);
        for (long s = 0; s < 400; s++) {
            seen.add(g.sample(s));
        }
        assertThat(seen).contains(-50_000, 50_000, 0, 1, -1);
        Set<Float> specials = new HashSet<>();
        Gen<Float> f = Gens.floats(-1f, 1f, 4);
        boolean nan = false;
        for (long s = 0; s < 400; s++) {
            float v = f.sample(s);
            nan |= Float.isNaN(v);
            if (Float.isInfinite(v)) {
                specials.add(v);
            }
        }
        assertThat(nan).isTrue();
        assertThat(specials).contains(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        for (long s = 0; s < 200; s++) {
            assertThat(Gens.floats(-1f, 1f).sample(s)).isBetween(-1f, 1f);
        }
    }

    @Test
    void rangesWiderThanALongSpanStayInRange() {
        Gen<Long> wide = Gens.longs(-10, Long.MAX_VALUE);
        Gen<Long> all = Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE);
        boolean negative = false;
        for (long s = 0; s < 300; s++) {
            assertThat(wide.sample(s)).isGreaterThanOrEqualTo(-10L);
            negative |= all.sample(s) < 0;
        }
        assertThat(negative).isTrue();
        assertThat(Gens.longs(Long.MAX_VALUE, Long.MAX_VALUE).sample(1)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Gens.longs(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void floatsShrinkTowardZeroAndIntegers() {
        Counterexample<Float> cx = Property.forAll(
                        Gens.floats(-100f, 100f), x -> assertThat(x).isGreaterThan(-3.5f))
                .run(8, GENEROUS)
                .counterexample()
                .orElseThrow();
        assertThat(cx.shrunk()).isEqualTo(-4f);
        Counterexample<Float> nan = Property.forAll(
                        Gens.floats(-100f, 100f, 2),
                        x -> assertThat(Float.isNaN(x)).isFalse())
                .run(8, GENEROUS)
                .counterexample()
                .orElseThrow();
        assertThat(nan.shrunk()).isNaN();
    }

    @Test
    void oneOfAndFrequencyShrinkTowardTheirFirstAlternative() {
        Gen<String> g = Gens.oneOf(Gens.constant("a"), Gens.constant("b"), Gens.constant("c"));
        Counterexample<String> cx = Property.forAll(g, s -> assertThat(s).isEqualTo("zzz"))
                .run(2, GENEROUS)
                .counterexample()
                .orElseThrow();
        assertThat(cx.shrunk()).isEqualTo("a");
        Gen<String> weighted =
                Gens.frequency(Gens.weighted(1, Gens.constant("rare")), Gens.weighted(50, Gens.constant("common")));
        int rare = 0;
        for (long s = 0; s < 1000; s++) {
            rare += weighted.sample(s).equals("rare") ? 1 : 0;
        }
        assertThat(rare).isBetween(5, 60);
    }

    @Test
    void flatMapShrinksTheOuterValueFirstAndKeepsTheDependency() {
        Gen<List<Integer>> sized = Gens.ints(1, 30).flatMap(n -> Gens.fixedLists(Gens.ints(0, n), n));
        Counterexample<List<Integer>> cx = Property.forAll(
                        sized, l -> assertThat(l.size()).isLessThan(5))
                .run(6, GENEROUS)
                .counterexample()
                .orElseThrow();
        assertThat(cx.shrunk()).hasSize(5).allMatch(x -> x >= 0 && x <= 5);
        assertThat(cx.shrunk()).containsOnly(0);
    }

    @Test
    void tuplesShrinkEachComponent() {
        Counterexample<Tuple2<Integer, Integer>> cx = Property.forAll(
                        Gens.tuples(Gens.ints(0, 100), Gens.ints(0, 100)),
                        t -> assertThat(t.first() + t.second()).isLessThan(10))
                .run(12, GENEROUS)
                .counterexample()
                .orElseThrow();
        assertThat(cx.shrunk().first() + cx.shrunk().second()).isEqualTo(10);
        Tuple3<Integer, String, Boolean> t3 = Gens.tuples(Gens.ints(5, 5), Gens.constant("x"), Gens.constant(true))
                .sample(1);
        assertThat(t3).isEqualTo(new Tuple3<>(5, "x", true));
    }

    /** A convolution-like configuration, as a per-op generator would compose it. */
    record ConvConfig(int batch, int channels, int spatial, int kernel, int pad) {}

    @Test
    void composedConfigurationsShrinkAlongEachMeaningfulAxis() {
        // Valid by construction (no filter): the spatial size is the kernel plus a non-negative extra,
        // so every axis shrinks on its own toward its simplest value.
        Gen<ConvConfig> gen = Gens.tuples(
                        Gens.tuples(Gens.ints(1, 4), Gens.dims(16, 0), Gens.ints(0, 10)),
                        Gens.tuples(Gens.ints(1, 5), Gens.ints(0, 3)))
                .map(t -> new ConvConfig(
                        t.first().first(),
                        t.first().second(),
                        t.second().first() + t.first().third(),
                        t.second().first(),
                        t.second().second()));
        // A "kernel" that breaks with more than 2 channels and a kernel wider than 1.
        Counterexample<ConvConfig> cx = Property.forAll(
                        gen, c -> assertThat(c.channels() > 2 && c.kernel() > 1).isFalse())
                .run(31, GENEROUS)
                .counterexample()
                .orElseThrow();
        ConvConfig min = cx.shrunk();
        assertThat(min.batch()).as("batch 1").isEqualTo(1);
        assertThat(min.channels()).as("fewest failing channels").isEqualTo(3);
        assertThat(min.kernel()).as("smallest failing kernel").isEqualTo(2);
        assertThat(min.pad()).as("zero pads").isZero();
        assertThat(min.spatial()).as("smallest spatial size the kernel fits").isEqualTo(2);
    }

    @Test
    void caseIdsParseAndRejectMalformedText() {
        assertThat(CaseId.parse("-12:7")).isEqualTo(new CaseId(-12, 7));
        assertThat(new CaseId(5, 3).replayArgument()).isEqualTo("-Dvela.conformance.replay=5:3");
        assertThatThrownBy(() -> CaseId.parse("12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<seed>:<caseIndex>");
        assertThatThrownBy(() -> CaseId.parse("a:b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CaseId(1, 0).size()).isLessThan(new CaseId(1, 100).size());
        assertThat(new CaseId(1, 100).size()).isEqualTo(Gen.MAX_SIZE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
