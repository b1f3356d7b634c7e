package dev.vela.maven;

import dev.vela.maven.fork.DelegateResultFile;
import dev.vela.spi.admission.CertifiedDelegate;
import java.util.ArrayList;
import java.util.List;

/**
 * The delegate part of the gate's decision: a summary line per provider offering a delegate, each finding with its
 * minimal failing subgraph and the command that replays it; a failing delegate fails the certification, a delegate
 * the profile leaves nothing to test is a warning (the runtime runs the plugin without it), and the certified ones
 * become the certificate's {@link CertifiedDelegate} entries.
 */
final class DelegateSummary {

    private DelegateSummary() {}

    /**
     * @param delegates what the fork found
     * @param summary receives the lines
     * @param errors receives the failures
     * @param warnings receives the delegates left uncertified without a failure
     * @return the certified delegates
     */
    static List<CertifiedDelegate> add(
            DelegateResultFile.Content delegates, List<String> summary, List<String> errors, List<String> warnings) {
        List<CertifiedDelegate> certified = new ArrayList<>();
        if (delegates.verdicts().isEmpty()) {
            return certified;
        }
        summary.add("");
        for (DelegateResultFile.Verdict v : delegates.verdicts()) {
            String who = "delegate of provider " + v.providerId();
            switch (v.status()) {
                case CERTIFIED -> {
                    summary.add(who + ": CERTIFIED for " + new java.util.TreeSet<>(v.claims()) + " on " + v.subgraphs()
                            + " generated subgraphs" + cuts(v) + " (" + v.limits() + ")");
                    certified.add(CertifiedDelegate.of(v.providerId(), v.claims(), v.limits(), v.subgraphs()));
                }
                case NOT_EXERCISED -> {
                    summary.add(who + ": not certified: the profile leaves none of its claims that the kit can build"
                            + " subgraphs of");
                    warnings.add(who + " is not certified (no claim of it in the profile): the runtime runs the plugin"
                            + " without it");
                }
                case FAILED, REPLAYED -> {
                    summary.add(who + ": FAILED on generated subgraphs (" + v.subgraphs() + " checked" + cuts(v) + ")");
                    errors.add(who + " failed");
                }
                default -> throw new IllegalStateException(v.status().name());
            }
        }
        for (DelegateResultFile.Finding f : delegates.findings()) {
            summary.add("  delegate of provider " + f.providerId() + ": " + f.check() + ": " + f.message());
            if (!f.replayLine().isEmpty()) {
                String line = f.replayLine().replaceFirst("^replay:\\s*", "");
                // a subgraph cut from a real model counts its nodes, a generated one its steps
                String unit = line.contains(" cut=") ? " node(s) cut from a real model; " : " step(s); ";
                summary.add("    minimal failing subgraph of " + f.steps() + unit + f.replayLine());
                summary.add("    reproduce: mvn vela:certify \"-Dvela.delegate.replay=" + line + "\"");
            }
        }
        return certified;
    }

    /** @return {@code " and N cut from real models"}, empty when none was checked */
    private static String cuts(DelegateResultFile.Verdict v) {
        return v.cuts() == 0 ? "" : " and " + v.cuts() + " cut from real models";
    }
}
