package dev.vela.runtime.bench.accuracy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Runs a labelled set through one or two scorers and counts: top-1, top-5, agreement. */
public final class AccuracyRun {

    private AccuracyRun() {}

    /**
     * @param set the labelled set
     * @param primary the run measured
     * @param second the run compared with, or null
     * @param secondName what the second run is (for the report)
     * @param progress told the number of samples done after each one
     * @return the figures
     * @throws IOException if a sample cannot be read
     * @throws LabelledSetException naming the sample when a label is not a class of the scores, or the two runs give
     *     different numbers of scores
     */
    public static AccuracyResult run(
            LabelledSet set, Scorer primary, Scorer second, String secondName, IntConsumer progress)
            throws IOException {
        int top1 = 0;
        int top5 = 0;
        int secondTop1 = 0;
        int agree = 0;
        double cosine = 0;
        double maxAbs = 0;
        long nanos = 0;
        int classes = -1;
        List<String> misses = new ArrayList<>();
        int done = 0;
        for (LabelledSample s : set.samples()) {
            long start = System.nanoTime();
            float[] scores = primary.scores(s);
            nanos += System.nanoTime() - start;
            if (classes < 0) {
                classes = scores.length;
            }
            if (scores.length != classes || s.label() >= scores.length) {
                throw new LabelledSetException(s.name() + ": label " + s.label() + " with " + scores.length
                        + " scores (the set's first sample gave " + classes + ")");
            }
            int best = argMax(scores);
            if (best == s.label()) {
                top1++;
            } else {
                misses.add(s.name() + ": " + s.label() + " -> " + best);
            }
            if (rank(scores, s.label()) < 5) {
                top5++;
            }
            if (second != null) {
                float[] other = second.scores(s);
                if (other.length != scores.length) {
                    throw new LabelledSetException(s.name() + ": " + secondName + " gives " + other.length
                            + " scores, the measured run " + scores.length);
                }
                int otherBest = argMax(other);
                agree += otherBest == best ? 1 : 0;
                secondTop1 += otherBest == s.label() ? 1 : 0;
                cosine += cosine(scores, other);
                for (int i = 0; i < scores.length; i++) {
                    maxAbs = Math.max(maxAbs, Math.abs((double) scores[i] - other[i]));
                }
            }
            progress.accept(++done);
        }
        int n = set.samples().size();
        AccuracyResult.Agreement agreement = second == null
                ? null
                : new AccuracyResult.Agreement(
                        secondName, (double) secondTop1 / n, (double) agree / n, cosine / n, maxAbs);
        return new AccuracyResult(
                set.origin(),
                n,
                classes,
                (double) top1 / n,
                classes > 5 ? (double) top5 / n : Double.NaN,
                nanos / 1e6 / n,
                misses,
                agreement);
    }

    /** The first index of the highest score (ties: the lower class, as TFLite Micro's examples pick). */
    static int argMax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    /** How many classes score strictly higher than {@code label}, or tie with it at a lower index. */
    static int rank(float[] scores, int label) {
        int above = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > scores[label] || scores[i] == scores[label] && i < label) {
                above++;
            }
        }
        return above;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 && nb == 0 ? 1 : na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
