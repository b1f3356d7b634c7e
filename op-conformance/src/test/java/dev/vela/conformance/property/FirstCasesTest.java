package dev.vela.conformance.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Gens#firstCases}: the scheduled early cases of a run come from their generators at every seed. */
class FirstCasesTest {

    private static List<Integer> run(Gen<Integer> gen, long seed, int cases) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            CaseId id = new CaseId(seed, i);
            out.add(gen.generate(id.random(), id.size()).value());
        }
        return out;
    }

    @Test
    void scheduledCasesComeFromTheirGeneratorsAndTheOthersFromTheRest() {
        ScheduledGen<Integer> gen =
                Gens.firstCases(Gens.ints(0, 9), Arrays.asList(null, Gens.constant(100), null, Gens.constant(300)));
        for (long seed : new long[] {0, 1, 20261120, -5}) {
            List<Integer> values = run(gen, seed, 40);
            assertThat(values.get(1)).isEqualTo(100);
            assertThat(values.get(3)).isEqualTo(300);
            assertThat(values.subList(4, 40)).allSatisfy(v -> assertThat(v).isBetween(0, 9));
            assertThat(values.get(0)).isBetween(0, 9);
        }
        assertThat(gen.schedules(1)).isTrue();
        assertThat(gen.schedules(2)).isFalse();
        assertThat(gen.schedules(-1)).isFalse();
        // outside a run (full size), every value comes from the rest
        assertThat(gen.sample(1)).isBetween(0, 9);
    }

    @Test
    void earlyIndexInvertsTheSizeOfTheFirstCasesOnly() {
        for (int i = 0; i < 15; i++) {
            assertThat(CaseId.earlyIndex(new CaseId(7, i).size())).isEqualTo(i);
        }
        assertThat(CaseId.earlyIndex(new CaseId(7, 15).size())).isEqualTo(-1);
        assertThat(CaseId.earlyIndex(Gen.MAX_SIZE)).isEqualTo(-1);
        assertThat(CaseId.earlyIndex(27)).isEqualTo(-1);
        assertThat(CaseId.earlyIndex(0)).isEqualTo(-1);
    }

    @Test
    void atMostFifteenCasesCanBeScheduled() {
        List<Gen<Integer>> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add(Gens.constant(i));
        }
        assertThatThrownBy(() -> Gens.firstCases(Gens.constant(0), sixteen))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
