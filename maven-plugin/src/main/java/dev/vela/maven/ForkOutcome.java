package dev.vela.maven;

/**
 * How the forked certification JVM ended.
 *
 * @param kind the kind of ending
 * @param exitCode the process exit code, or -1 if it was killed
 * @param where the operator, check and vendor call in progress at the end (from the progress file)
 * @param detail evidence: the fork's last error lines, the hs_err file, the timeout that fired
 */
public record ForkOutcome(Kind kind, int exitCode, String where, String detail) {

    /** Kinds of ending. */
    public enum Kind {
        /** The run finished and wrote its results. */
        COMPLETED,
        /** The JVM died of a native crash (SIGSEGV and the like; an hs_err file is written). */
        NATIVE_CRASH,
        /** The JVM ran out of memory. */
        OUT_OF_MEMORY,
        /** Code in the plugin called {@code System.exit} or otherwise ended the JVM early. */
        EARLY_EXIT,
        /** A call into the plugin did not return within the per-case timeout. */
        CASE_TIMEOUT,
        /** The whole run did not finish within the total timeout. */
        TOTAL_TIMEOUT,
        /** The fork could not set up (no such jar, provider cannot be created). */
        SETUP_FAILED
    }

    /** @return one paragraph for the console and the failure message */
    public String describe() {
        String what = switch (kind) {
            case COMPLETED -> "the certification run completed";
            case NATIVE_CRASH -> "the plugin crashed the JVM natively (exit code " + exitCode + ")";
            case OUT_OF_MEMORY -> "the JVM ran out of memory";
            case EARLY_EXIT -> "the JVM exited early with code " + exitCode + " (System.exit called by plugin code?)";
            case CASE_TIMEOUT -> "a call into the plugin hung";
            case TOTAL_TIMEOUT -> "the certification run exceeded its total timeout";
            case SETUP_FAILED -> "the certification run could not start";
        };
        return what + (where.isEmpty() ? "" : " during " + where) + (detail.isEmpty() ? "" : "\n" + detail);
    }
}
