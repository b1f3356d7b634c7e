package dev.vela.conformance.report;

/** The verdict of one check on one claim. */
public enum CheckStatus {
    /** Every case passed. */
    PASSED,
    /** A case broke the contract; the report holds the shrunk case. */
    FAILED,
    /** The check itself could not run (a generator bug, the reference refusing its own case). */
    ERROR,
    /** The check did not apply (no case generator for the claim, a kernel that is not concurrent, ...). */
    SKIPPED
}
