package dev.vela.runtime.bench.accuracy;

import java.util.List;

/**
 * Accuracy of one run over a labelled set, with its agreement with a second run when there is one.
 *
 * @param set where the samples came from
 * @param samples how many
 * @param classes scores per sample
 * @param top1 share of samples whose best score is the label
 * @param top5 share whose label is among the five best scores; NaN with five classes or fewer (always 1)
 * @param meanMillis mean time of one sample's run (decoding included), in ms
 * @param misses the samples top-1 got wrong: {@code name: label -> predicted}
 * @param agreement the agreement with the second run, or null
 */
public record AccuracyResult(
        String set,
        int samples,
        int classes,
        double top1,
        double top5,
        double meanMillis,
        List<String> misses,
        Agreement agreement) {

    /**
     * How a second run (another model, or the same on other providers) agrees with the first on the same samples.
     *
     * @param against what the second run is
     * @param top1 the second run's own top-1 accuracy
     * @param top1Agreement share of samples both give the same best class
     * @param meanCosine mean cosine similarity of the two score vectors
     * @param maxAbsDiff the largest absolute score difference
     */
    public record Agreement(String against, double top1, double top1Agreement, double meanCosine, double maxAbsDiff) {}

    /** Copies the list. */
    public AccuracyResult {
        misses = List.copyOf(misses);
    }
}
