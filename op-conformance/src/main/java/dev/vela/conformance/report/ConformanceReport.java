package dev.vela.conformance.report;

import dev.vela.spi.KernelClaim;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of a conformance run over every claim of a provider.
 *
 * @param engineVersion the conformance engine's version
 * @param providerId the provider's id
 * @param providerVendor its vendor
 * @param providerVersion its version
 * @param spiVersion the SPI version it was built against
 * @param seed the run's seed (every case replays from it)
 * @param tries cases per check
 * @param policyVersion the tolerance policy version
 * @param profile the tolerance profile
 * @param startedAt when the run started
 * @param durationMillis wall time
 * @param claims one report per claim, in claim order
 */
public record ConformanceReport(
        String engineVersion,
        String providerId,
        String providerVendor,
        String providerVersion,
        String spiVersion,
        long seed,
        int tries,
        String policyVersion,
        String profile,
        Instant startedAt,
        long durationMillis,
        List<ClaimReport> claims) {

    /**
     * @param engineVersion engine version
     * @param providerId provider id
     * @param providerVendor vendor
     * @param providerVersion provider version
     * @param spiVersion SPI version
     * @param seed seed
     * @param tries tries
     * @param policyVersion policy version
     * @param profile profile
     * @param startedAt start
     * @param durationMillis duration
     * @param claims claims
     */
    public ConformanceReport {
        claims = List.copyOf(claims);
    }

    /** @return whether every claim passed */
    public boolean passed() {
        return claims.stream().allMatch(ClaimReport::passed);
    }

    /**
     * @param claim a claim
     * @return its report
     */
    public Optional<ClaimReport> claim(KernelClaim claim) {
        return claims.stream().filter(c -> c.claim().equals(claim)).findFirst();
    }

    /**
     * @param status a status
     * @return how many check results have it
     */
    public long count(CheckStatus status) {
        return claims.stream()
                .flatMap(c -> c.checks().stream())
                .filter(r -> r.status() == status)
                .count();
    }

    /** @return e.g. {@code 3 claims: 27 passed, 1 failed, 0 errors, 2 skipped} */
    public String summary() {
        return claims.size() + " claims: " + count(CheckStatus.PASSED) + " passed, " + count(CheckStatus.FAILED)
                + " failed, " + count(CheckStatus.ERROR) + " errors, " + count(CheckStatus.SKIPPED) + " skipped";
    }
}
