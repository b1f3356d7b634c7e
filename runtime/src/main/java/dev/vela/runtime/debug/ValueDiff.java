package dev.vela.runtime.debug;

import java.util.Optional;

/**
 * How one value of the subject run differs from the same value of the baseline run.
 *
 * @param subject the subject's value (node, provider, tensor)
 * @param baseline the baseline's value of the same name, empty when the baseline never wrote it (graph rewritten)
 * @param maxAbsDiff the largest absolute element difference (integer steps for integer and quantized values)
 * @param worstIndex the flat index of that element, -1 when there is none
 * @param mismatches how many elements are outside the tolerance
 * @param note why the values cannot be compared element by element (type or shape differs), else empty
 */
public record ValueDiff(
        ValueRecording.Value subject,
        Optional<ValueRecording.Value> baseline,
        double maxAbsDiff,
        int worstIndex,
        long mismatches,
        String note) {

    /** @return whether the value is within the tolerance (a value the baseline lacks cannot be judged: it is) */
    public boolean agrees() {
        return note.isEmpty() && mismatches == 0;
    }

    /** @return whether the baseline wrote this value at all */
    public boolean compared() {
        return baseline.isPresent();
    }
}
