package dev.vela.conformance.cases.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.property.CaseId;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Shrinkable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Knobs}: the first cases of a run meet every value of every small knob, at any seed; all shrink in range. */
class KnobsTest {

    private static final int[] RANGES = {0, 2, 1, 3, 0, 1, 1, 12, -2, 2, 0, 14};

    @Test
    void theFirstFifteenCasesMeetEveryValueOfEveryKnobAtAnySeed() {
        Gen<int[]> knobs = Knobs.of(RANGES);
        for (long seed : new long[] {0, 1, 20261120, -9}) {
            List<Set<Integer>> seen = List.of(
                    new HashSet<>(),
                    new HashSet<>(),
                    new HashSet<>(),
                    new HashSet<>(),
                    new HashSet<>(),
                    new HashSet<>());
            for (int i = 0; i < Knobs.EARLY_CASES; i++) {
                CaseId id = new CaseId(seed, i);
                int[] k = knobs.generate(id.random(), id.size()).value();
                for (int j = 0; j < k.length; j++) {
                    seen.get(j).add(k[j]);
                }
            }
            for (int j = 0; j < RANGES.length / 2; j++) {
                assertThat(seen.get(j))
                        .as("knob %d at seed %d", j, seed)
                        .hasSize(Math.min(Knobs.EARLY_CASES, RANGES[2 * j + 1] - RANGES[2 * j] + 1));
            }
        }
    }

    @Test
    void neighbouringFlagsMeetEveryCombinationInTheFirstCases() {
        Gen<int[]> flags = Knobs.of(0, 1, 0, 1, 0, 1, 0, 2);
        Set<String> pairs01 = new HashSet<>();
        Set<String> pairs12 = new HashSet<>();
        Set<String> pairs23 = new HashSet<>();
        for (int i = 0; i < Knobs.EARLY_CASES; i++) {
            CaseId id = new CaseId(11, i);
            int[] k = flags.generate(id.random(), id.size()).value();
            pairs01.add(k[0] + "," + k[1]);
            pairs12.add(k[1] + "," + k[2]);
            pairs23.add(k[2] + "," + k[3]);
        }
        assertThat(pairs01).hasSize(4);
        assertThat(pairs12).hasSize(4);
        assertThat(pairs23).hasSize(6);
    }

    @Test
    void laterCasesAreRandomAndEveryValueAndShrinkStaysInItsRange() {
        Gen<int[]> knobs = Knobs.of(RANGES);
        Set<String> later = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            CaseId id = new CaseId(7, i);
            Shrinkable<int[]> s = knobs.generate(id.random(), id.size());
            assertInRange(s.value());
            s.shrinks().limit(20).forEach(x -> assertInRange(x.value()));
            if (i >= Knobs.EARLY_CASES) {
                later.add(java.util.Arrays.toString(s.value()));
            }
        }
        assertThat(later).hasSizeGreaterThan(30);
    }

    @Test
    void choicesAreTakenInTurnByTheFirstCases() {
        Gen<String> choice = Knobs.choice(List.of("a", "b", "c"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            CaseId id = new CaseId(3, i);
            seen.add(choice.generate(id.random(), id.size()).value());
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
    }

    private static void assertInRange(int[] k) {
        for (int j = 0; j < k.length; j++) {
            assertThat(k[j]).isBetween(RANGES[2 * j], RANGES[2 * j + 1]);
        }
    }
}
