package dev.vela.conformance.cases.ops;

import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import java.util.List;

/**
 * Independent integer knobs of a case (batch, channels, kernel size, pads...) generated together.
 * Each knob shrinks on its own toward the low end of its range (0 or 1), so a failing case shrinks
 * along every meaningful axis, one axis at a time.
 */
final class Knobs {

    private Knobs() {
    }

    /**
     * @param ranges pairs {@code min, max} per knob
     * @return arrays holding one value per knob, in order
     */
    static Gen<int[]> of(int... ranges) {
        if (ranges.length % 2 != 0) {
            throw new IllegalArgumentException("ranges come in (min, max) pairs");
        }
        Gen<int[]> acc = Gens.constant(new int[0]);
        for (int i = 0; i < ranges.length; i += 2) {
            Gen<Integer> knob = Gens.ints(ranges[i], ranges[i + 1]);
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
     * @return one of them, shrinking toward the first
     */
    static <T> Gen<T> choice(List<T> choices) {
        return Gens.ints(0, choices.size() - 1).map(choices::get);
    }
}
