package dev.vela.maven;

import dev.vela.conformance.check.Checks;
import dev.vela.conformance.check.ConformanceCheck;
import dev.vela.conformance.check.GeneratedCheck;
import dev.vela.conformance.property.CaseId;
import dev.vela.spi.KernelClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a debugging run of the gate narrows the run to: the replay line a report printed
 * ({@code -Dvela.conformance.replay=<seed>:<case>}) and the claim or check filter
 * ({@code -Dvela.conformance.only=<claim>#<check>}), the same switches the kit's JUnit entry point honours.
 * A narrowed run reproduces a failure; it is not evidence for a whole plugin, so it never issues a certificate.
 *
 * @param replay the one case every generated check runs, if asked
 * @param only {@code <claim>}, {@code <claim>#<check>} or {@code #<check>}; empty for every claim and check
 */
record DebugSelection(Optional<CaseId> replay, String only) {

    /** Nothing narrowed: a certifying run. */
    static final DebugSelection NONE = new DebugSelection(Optional.empty(), "");

    /**
     * @param replayText the replay property's value, or null
     * @param onlyText the only property's value, or null
     * @param problems where configuration problems are added, one sentence each
     * @return the selection (parts that were invalid are left out; {@code problems} says why)
     */
    static DebugSelection parse(String replayText, String onlyText, List<String> problems) {
        Optional<CaseId> replay = Optional.empty();
        if (replayText != null && !replayText.isBlank()) {
            try {
                replay = Optional.of(CaseId.parse(replayText.trim()));
            } catch (IllegalArgumentException e) {
                problems.add("-D" + CaseId.REPLAY_PROPERTY + ": " + e.getMessage()
                        + " (copy it from a report's replay line)");
            }
        }
        String only = onlyText == null ? "" : onlyText.trim();
        if (!only.isEmpty() && !validOnly(only, problems)) {
            only = "";
        }
        return new DebugSelection(replay, only);
    }

    private static boolean validOnly(String only, List<String> problems) {
        int hash = only.indexOf('#');
        String claim = hash < 0 ? only : only.substring(0, hash);
        String check = hash < 0 ? "" : only.substring(hash + 1);
        boolean ok = true;
        if (!claim.isEmpty()) {
            try {
                KernelClaim.parse(claim);
            } catch (IllegalArgumentException e) {
                problems.add("-D" + GeneratedCheck.ONLY_PROPERTY + "=" + only + ": " + e.getMessage()
                        + " (e.g. Relu/float32/ANY#numerics)");
                ok = false;
            }
        }
        if (hash >= 0) {
            List<String> ids = Checks.all().stream().map(ConformanceCheck::id).toList();
            if (!ids.contains(check)) {
                problems.add("-D" + GeneratedCheck.ONLY_PROPERTY + "=" + only + ": unknown check '" + check
                        + "'; checks are " + ids);
                ok = false;
            }
        }
        return ok;
    }

    /** @return whether the run is narrowed (and so issues no certificate) */
    boolean active() {
        return replay.isPresent() || !only.isEmpty();
    }

    /**
     * @param otherwise the seed of a certifying run
     * @return the replayed case's seed, so reports name the seed the case came from
     */
    long seed(long otherwise) {
        return replay.map(CaseId::seed).orElse(otherwise);
    }

    /** @return the system properties that carry the selection into the forked JVM */
    List<String> forkJvmArgs() {
        List<String> args = new ArrayList<>();
        replay.ifPresent(id -> args.add(id.replayArgument()));
        if (!only.isEmpty()) {
            args.add("-D" + GeneratedCheck.ONLY_PROPERTY + "=" + only);
        }
        return args;
    }

    /** @return e.g. {@code replaying case 7:3 of Relu/float32/ANY#numerics} */
    String describe() {
        StringBuilder sb = new StringBuilder();
        replay.ifPresent(id -> sb.append("replaying case ").append(id));
        if (!only.isEmpty()) {
            sb.append(sb.length() == 0 ? "only " : " of ").append(only);
        }
        return sb.toString();
    }
}
