package dev.vela.spi.admission;

import dev.vela.spi.API;
import dev.vela.spi.KernelClaim;
import java.util.Objects;

/**
 * One certified (operator, data type, layout) with the evidence behind it: how many cases passed
 * and the latency measured on the certifying machine.
 *
 * @param claim what is certified
 * @param cases how many generated and fixed cases it passed
 * @param medianMs median latency over the latency workloads, in milliseconds (0 if not measured)
 * @param p90Ms 90th-percentile latency, in milliseconds (0 if not measured)
 * @param budgetMs the budget it was held to, in milliseconds, or {@code null} if none
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public record CertifiedEntry(KernelClaim claim, long cases, double medianMs, double p90Ms, Double budgetMs) {

    /**
     * @param claim what is certified
     * @param cases cases passed
     * @param medianMs median latency
     * @param p90Ms p90 latency
     * @param budgetMs budget or null
     */
    public CertifiedEntry {
        Objects.requireNonNull(claim, "claim");
        if (cases < 0
                || !(medianMs >= 0)
                || !(p90Ms >= 0)
                || Double.isInfinite(medianMs)
                || Double.isInfinite(p90Ms)
                || (budgetMs != null && !(budgetMs > 0 && !budgetMs.isInfinite()))) {
            throw new IllegalArgumentException("invalid evidence for " + claim + ": cases=" + cases + " median="
                    + medianMs + " p90=" + p90Ms + " budget=" + budgetMs);
        }
    }
}
