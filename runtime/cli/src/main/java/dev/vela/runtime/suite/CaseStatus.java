package dev.vela.runtime.suite;

import java.util.Locale;

/** Outcome of one node-suite case. */
public enum CaseStatus {
    /** Every output matched. */
    PASSED,
    /** An output differed, or a supported op rejected the case with a clear Vela exception. */
    FAILED,
    /** An op has no reference factory or no claim for the dtype, or the importer refuses a dtype or feature. */
    UNSUPPORTED,
    /** Anything else: a crash (NPE, index out of bounds, ...), a malformed file, a timeout. */
    ERROR;

    /** @return the lower-case label used in reports */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
