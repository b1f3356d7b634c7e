package dev.vela.maven.fork;

import dev.vela.conformance.delegate.DelegateCertifier;
import dev.vela.conformance.delegate.DelegateFinding;
import dev.vela.conformance.delegate.DelegateVerdict;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateLimits;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.OperatorProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Certifies a provider's delegate in the forked run with the kit's subgraph checks ({@link DelegateCertifier}),
 * within the gate's profile, or replays one failing subgraph from its replay line. A delegate that throws where the
 * kit does not expect it fails its certification by name; it never ends the run.
 */
final class DelegateCertification {

    /** System property: generated subgraphs per delegate. */
    static final String SUBGRAPHS_PROPERTY = "vela.delegate.subgraphs";
    /** System property: the latency budget per subgraph invocation, in milliseconds (none: not checked). */
    static final String BUDGET_PROPERTY = "vela.delegate.budgetMs";
    /** System property: a replay line; the run then replays only that subgraph on every delegate. */
    static final String REPLAY_PROPERTY = "vela.delegate.replay";

    private DelegateCertification() {}

    /**
     * @param provider the provider, traced ({@link TracingProvider}) so that each call into its delegate is named
     * @param seed the run's seed
     * @param config the gate's settings (profile operators and data types)
     * @param progress names the place of a hang or crash
     * @param verdicts receives the verdict
     * @param findings receives the findings
     */
    static void run(
            OperatorProvider provider,
            long seed,
            ForkConfig config,
            Progress progress,
            List<DelegateResultFile.Verdict> verdicts,
            List<DelegateResultFile.Finding> findings) {
        String id = provider.info().id();
        Optional<Delegate> offered;
        try {
            offered = provider.delegate();
        } catch (RuntimeException e) {
            findings.add(new DelegateResultFile.Finding(id, "delegate", "delegate() threw " + e, "", 0));
            verdicts.add(new DelegateResultFile.Verdict(
                    id, DelegateResultFile.Status.FAILED, 0, Set.of(), Integer.MAX_VALUE, 1));
            return;
        }
        if (offered.isEmpty()) {
            return;
        }
        Delegate delegate = offered.get();
        DelegateLimits limits;
        try {
            limits = delegate.limits();
        } catch (RuntimeException e) {
            limits = null;
            findings.add(new DelegateResultFile.Finding(id, "limits", "limits() threw " + e, "", 0));
        }
        if (limits == null) {
            verdicts.add(new DelegateResultFile.Verdict(
                    id, DelegateResultFile.Status.FAILED, 0, Set.of(), Integer.MAX_VALUE, 1));
            return;
        }
        DelegateCertifier certifier = new DelegateCertifier(delegate, inProfile(config));
        String budget = System.getProperty(BUDGET_PROPERTY);
        if (budget != null && !budget.isBlank()) {
            certifier.withLatencyBudget(Double.parseDouble(budget));
        }
        String replay = System.getProperty(REPLAY_PROPERTY);
        progress.check("certifying the delegate of provider " + id + " on generated subgraphs");
        try {
            if (replay != null && !replay.isBlank()) {
                Optional<DelegateFinding> f = certifier.replay(replay);
                f.ifPresent(x -> findings.add(finding(id, x)));
                verdicts.add(new DelegateResultFile.Verdict(
                        id,
                        DelegateResultFile.Status.REPLAYED,
                        1,
                        Set.of(),
                        limits.maxPartitions(),
                        limits.minNodes()));
                return;
            }
            int subgraphs = Integer.getInteger(SUBGRAPHS_PROPERTY, 60);
            DelegateVerdict v = certifier.certify(seed, subgraphs);
            v.findings().forEach(x -> findings.add(finding(id, x)));
            DelegateResultFile.Status status = !v.findings().isEmpty()
                    ? DelegateResultFile.Status.FAILED
                    : v.exercised().isEmpty()
                            ? DelegateResultFile.Status.NOT_EXERCISED
                            : DelegateResultFile.Status.CERTIFIED;
            verdicts.add(new DelegateResultFile.Verdict(
                    id, status, v.cases(), v.exercised(), limits.maxPartitions(), limits.minNodes(), v.cuts()));
        } catch (RuntimeException e) {
            // the kit guards the delegate's own calls; anything else (a malformed replay line) is named here
            findings.add(new DelegateResultFile.Finding(id, "kit", e.toString(), replay == null ? "" : replay, 0));
            verdicts.add(new DelegateResultFile.Verdict(
                    id, DelegateResultFile.Status.FAILED, 0, Set.of(), limits.maxPartitions(), limits.minNodes()));
        }
    }

    private static DelegateResultFile.Finding finding(String id, DelegateFinding f) {
        return new DelegateResultFile.Finding(
                id, f.check(), f.message(), f.replayLine(), f.subgraph().size());
    }

    /** The profile's operators and data types (empty: all). */
    private static Predicate<KernelClaim> inProfile(ForkConfig config) {
        return c -> (config.ops().isEmpty() || config.ops().contains(c.op().name()))
                && (config.dataTypes().isEmpty()
                        || config.dataTypes().contains(c.dataType().label()));
    }
}
