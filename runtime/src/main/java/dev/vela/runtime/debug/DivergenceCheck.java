package dev.vela.runtime.debug;

import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares two recordings of the same model on the same inputs value by value, in the subject's execution order.
 * The first value outside the tolerance names the node where the runs part: every later difference may only be that
 * one propagated, so the first is where to look.
 */
public final class DivergenceCheck {

    private DivergenceCheck() {}

    /**
     * @param subject the run under suspicion (e.g. with plugins)
     * @param baseline the run taken as right (e.g. the reference kernels)
     * @param tolerance when elements agree
     * @return one entry per value the subject wrote, in execution order
     */
    public static List<ValueDiff> compare(ValueRecording subject, ValueRecording baseline, DiffTolerance tolerance) {
        List<ValueDiff> diffs = new ArrayList<>();
        for (ValueRecording.Value s : subject.values()) {
            Optional<ValueRecording.Value> b = baseline.value(s.value());
            diffs.add(b.isEmpty() ? new ValueDiff(s, b, 0, -1, 0, "") : diff(s, b.get(), tolerance));
        }
        return diffs;
    }

    /**
     * @param diffs a comparison
     * @return the first value outside the tolerance, empty when the runs agree
     */
    public static Optional<ValueDiff> firstDivergence(List<ValueDiff> diffs) {
        return diffs.stream().filter(d -> !d.agrees()).findFirst();
    }

    private static ValueDiff diff(ValueRecording.Value s, ValueRecording.Value b, DiffTolerance tolerance) {
        Tensor a = s.tensor();
        Tensor e = b.tensor();
        if (a.dataType() != e.dataType()) {
            return new ValueDiff(
                    s,
                    Optional.of(b),
                    Double.NaN,
                    -1,
                    a.elementCount(),
                    "type " + a.dataType() + " vs " + e.dataType());
        }
        if (!a.shape().equals(e.shape())) {
            return new ValueDiff(
                    s, Optional.of(b), Double.NaN, -1, a.elementCount(), "shape " + a.shape() + " vs " + e.shape());
        }
        boolean floating = a.dataType().isFloatingPoint();
        double max = 0;
        double worstRank = -1; // a NaN difference (NaN on one side only) ranks above every number
        int worst = -1;
        long mismatches = 0;
        for (int i = 0; i < a.elementCount(); i++) {
            double d;
            boolean agrees;
            if (floating) {
                double x = a.getDouble(i);
                double y = e.getDouble(i);
                d = Double.isNaN(x) || Double.isNaN(y)
                        ? (Double.isNaN(x) == Double.isNaN(y) ? 0 : Double.NaN)
                        : x == y ? 0 : Math.abs(x - y);
                agrees = tolerance.floatsAgree(x, y);
            } else {
                long x = a.getLong(i);
                long y = e.getLong(i);
                d = Math.abs((double) x - (double) y);
                agrees = d <= tolerance.integerSteps();
            }
            if (!agrees) {
                mismatches++;
            }
            double rank = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            if (rank > worstRank) {
                worstRank = rank;
                max = d;
                worst = i;
            }
        }
        return new ValueDiff(s, Optional.of(b), max, worst, mismatches, "");
    }
}
