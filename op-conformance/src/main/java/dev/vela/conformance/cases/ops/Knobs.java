package dev.vela.conformance.cases.ops;

import dev.vela.conformance.property.CaseId;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import java.util.List;

/**
 * Independent integer knobs of a case (batch, channels, kernel size, pads...) generated together.
 * Each knob shrinks on its own toward the low end of its range (0 or 1), so a failing case shrinks
 * along every meaningful axis, one axis at a time.
 */
final class Knobs {

    private Knobs() {}

    /**
     * Knobs drawn at random, except in the first cases of a run ({@link CaseId#earlyIndex(int)}): there the
     * {@code i}-th case sets each knob by {@link #sweep(int, int, long)}, so every value of every
     * knob with at most 15 values (group modes, pad modes, flags, small kernels and strides) is met by the first
     * fifteen cases at any seed, and a kernel wrong for one value of one attribute is refused by them rather than
     * by a lucky seed. Both shrink each knob toward the low end of its range.
     *
     * @param ranges pairs {@code min, max} per knob
     * @return arrays holding one value per knob, in order
     */
    static Gen<int[]> of(int... ranges) {
        if (ranges.length % 2 != 0) {
            throw new IllegalArgumentException("ranges come in (min, max) pairs");
        }
        Gen<int[]> random = combine(ranges, (knob, min, max) -> Gens.ints(min, max));
        List<Gen<int[]>> sweep = new java.util.ArrayList<>();
        for (int i = 0; i < EARLY_CASES; i++) {
            int index = i;
            sweep.add(combine(
                    ranges,
                    (knob, min, max) -> Gens.fixedShrinkingToward(
                                    min + sweep(index, knob, (long) max - min + 1), Math.max(min, Math.min(max, 0)))
                            .map(Long::intValue)));
        }
        return (rnd, size) -> {
            int early = CaseId.earlyIndex(size);
            return early >= 0 && early < EARLY_CASES
                    ? sweep.get(early).generate(rnd, size)
                    : random.generate(rnd, size);
        };
    }

    /**
     * The offset of knob {@code knob} in early case {@code index}: the knob counts through its {@code values} with a
     * stride of its own (1, 2, ... 7 cases per step, as small as needed to reach every value within the early cases),
     * like the digits of a counter, so that two knobs do not move in lockstep: two flags with strides 1 and 2 meet
     * all four combinations, where one shared stride would pair them the same way in every case.
     */
    static long sweep(int index, int knob, long values) {
        long stride = Math.max(1, Math.min(1 + knob % 7, EARLY_CASES / values));
        return (index / stride) % values;
    }

    /** The first cases of a run that sweep the knobs (as many as {@link CaseId#earlyIndex(int)} tells apart). */
    static final int EARLY_CASES = 15;

    /** A generator of one knob's values. */
    private interface KnobGen {
        Gen<Integer> of(int knob, int min, int max);
    }

    private static Gen<int[]> combine(int[] ranges, KnobGen knobs) {
        Gen<int[]> acc = Gens.constant(new int[0]);
        for (int i = 0; i < ranges.length; i += 2) {
            Gen<Integer> knob = knobs.of(i / 2, ranges[i], ranges[i + 1]);
            acc = Gens.tuples(acc, knob).map(t -> append(t.first(), t.second()));
        }
        return acc;
    }

    private static int[] append(int[] a, int v) {
        int[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    /**
     * @param choices the values
     * @param <T> their type
     * @return one of them, shrinking toward the first; the first cases of a run take each in turn, as {@link #of}
     */
    static <T> Gen<T> choice(List<T> choices) {
        return of(0, choices.size() - 1).map(k -> choices.get(k[0]));
    }
}
