package dev.vela.conformance.check;

import dev.vela.conformance.report.CheckResult;

/** One aspect of the kernel contract, checked for one claim and reported on its own. */
public interface ConformanceCheck {

    /** @return a short stable id, e.g. {@code numerics} (used in reports and {@code -Dvela.conformance.only}) */
    String id();

    /** @return what the check verifies, in one line */
    String title();

    /**
     * @param ctx the claim and everything needed to check it
     * @return the verdict
     */
    CheckResult run(ClaimContext ctx);

    /**
     * Whether the check's verdict depends on time measured while it runs: such a check runs when no other claim is
     * being checked ({@code ConformanceKit.withClaimThreads}), so that their work does not count as its kernel's.
     *
     * @return false by default
     */
    default boolean measuresTime() {
        return false;
    }
}
