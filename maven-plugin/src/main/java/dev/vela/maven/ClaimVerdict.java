package dev.vela.maven;

import dev.vela.maven.fork.ResultFile;
import java.util.List;
import java.util.Optional;

/**
 * The gate's decision on one claim of one provider, with the check results behind it.
 *
 * @param providerId the provider
 * @param claim {@code op/dtype/layout}
 * @param status the decision
 * @param results the kit's results for the claim, in check order
 */
record ClaimVerdict(String providerId, String claim, Status status, List<ResultFile.Result> results) {

    /** Checks the kit adds only where they apply, required whatever the profile lists. */
    static final List<String> ALWAYS_REQUIRED = List.of("admission-cases", "state");

    /** Decisions. */
    enum Status {
        /** Every required check passed: the claim goes into the certificate. */
        CERTIFIED(true, "certified"),
        /** A check failed or errored: the run fails. */
        FAILED(false, "FAILED"),
        /** The kit has no case generator (or reference kernel) for it yet: not certified, a warning. */
        NO_GENERATOR(false, "not certified: no case generator"),
        /** {@code supports()} declined every generated case, so numerics never ran: not certified, a warning. */
        NOT_EXERCISED(false, "not certified: no case exercised"),
        /** Outside the certification profile: not certified, a warning. */
        OUTSIDE_PROFILE(false, "not certified: outside profile");

        private final boolean certified;
        private final String label;

        Status(boolean certified, String label) {
            this.certified = certified;
            this.label = label;
        }

        /** @return whether the claim enters the certificate */
        boolean certified() {
            return certified;
        }

        /** @return the summary table's wording */
        String label() {
            return label;
        }
    }

    /**
     * @param checkId a check
     * @return its result
     */
    Optional<ResultFile.Result> result(String checkId) {
        return results.stream().filter(r -> r.check().equals(checkId)).findFirst();
    }

    /** @return cases run over all checks */
    long cases() {
        return results.stream().mapToLong(ResultFile.Result::cases).sum();
    }

    /**
     * @param provider the provider
     * @param claim the claim
     * @param results its results
     * @param requiredChecks the checks the profile requires
     * @return the decision
     */
    static ClaimVerdict decide(
            String provider, String claim, List<ResultFile.Result> results, List<String> requiredChecks) {
        // a custom operator's admission cases and a stateful kernel's state check are always required (D12, D14)
        List<ResultFile.Result> required = results.stream()
                .filter(r -> requiredChecks.contains(r.check()) || ALWAYS_REQUIRED.contains(r.check()))
                .toList();
        Status status;
        if (!required.isEmpty() && required.stream().allMatch(r -> r.message().equals(ResultFile.OUTSIDE_PROFILE))) {
            status = Status.OUTSIDE_PROFILE;
        } else if (required.stream().anyMatch(ResultFile.Result::failed)) {
            status = Status.FAILED;
        } else if (required.isEmpty()
                || required.stream()
                        .allMatch(r -> "SKIPPED".equals(r.status())
                                && (r.message().startsWith("no case generator")
                                        || r.message().startsWith("no reference kernel")))) {
            status = Status.NO_GENERATOR;
        } else if (required.stream().noneMatch(r -> "PASSED".equals(r.status()))
                || required.stream().anyMatch(r -> r.check().equals("numerics") && !"PASSED".equals(r.status()))) {
            status = Status.NOT_EXERCISED;
        } else {
            status = Status.CERTIFIED;
        }
        return new ClaimVerdict(provider, claim, status, results);
    }
}
