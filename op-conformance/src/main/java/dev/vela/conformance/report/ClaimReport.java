package dev.vela.conformance.report;

import dev.vela.spi.KernelClaim;
import java.util.List;
import java.util.Optional;

/**
 * All checks on one claim.
 *
 * @param claim the (op, dtype, layout) claimed
 * @param checks one result per check
 */
public record ClaimReport(KernelClaim claim, List<CheckResult> checks) {

    /**
     * @param claim the claim
     * @param checks one result per check
     */
    public ClaimReport {
        checks = List.copyOf(checks);
    }

    /** @return whether no check failed or errored */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAILED || c.status() == CheckStatus.ERROR);
    }

    /**
     * @param checkId a check id
     * @return that check's result
     */
    public Optional<CheckResult> check(String checkId) {
        return checks.stream().filter(c -> c.checkId().equals(checkId)).findFirst();
    }
}
