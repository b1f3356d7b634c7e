package dev.vela.maven.fork;

import dev.vela.conformance.check.CheckSettings;
import dev.vela.conformance.check.ClaimContext;
import dev.vela.conformance.check.ConformanceCheck;
import dev.vela.conformance.check.LatencyBudget;
import dev.vela.conformance.report.CheckResult;
import java.util.Map;
import java.util.Set;

/**
 * A kit check that first records which claim and check is running (for crash and hang reports) and
 * applies the latency budget configured for the claim's operator and data type, if any.
 */
final class TracedCheck implements ConformanceCheck {

    private final ConformanceCheck delegate;
    private final Progress progress;
    private final Map<String, LatencyBudget> budgets;
    private final Set<String> ops;
    private final Set<String> dataTypes;

    /**
     * @param delegate the kit's check
     * @param progress where to record the position
     * @param budgets latency budgets by {@code <op>/<dtype>}
     * @param ops operators of the certification profile (empty: all)
     * @param dataTypes data types of the profile (empty: all)
     */
    TracedCheck(
            ConformanceCheck delegate,
            Progress progress,
            Map<String, LatencyBudget> budgets,
            Set<String> ops,
            Set<String> dataTypes) {
        this.delegate = delegate;
        this.progress = progress;
        this.budgets = budgets;
        this.ops = ops;
        this.dataTypes = dataTypes;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String title() {
        return delegate.title();
    }

    @Override
    public boolean measuresTime() {
        return delegate.measuresTime();
    }

    @Override
    public CheckResult run(ClaimContext ctx) {
        if (!ops.isEmpty() && !ops.contains(ctx.claim().op().name())
                || !dataTypes.isEmpty()
                        && !dataTypes.contains(ctx.claim().dataType().label())) {
            return CheckResult.skipped(id(), title(), ResultFile.OUTSIDE_PROFILE);
        }
        progress.check(ctx.claim() + "#" + id());
        LatencyBudget budget = budgets.get(
                ctx.claim().op().name() + "/" + ctx.claim().dataType().label());
        ClaimContext effective = ctx;
        if (budget != null) {
            CheckSettings s = ctx.settings();
            effective = new ClaimContext(
                    ctx.claim(),
                    ctx.vendor(),
                    ctx.reference(),
                    ctx.generator(),
                    ctx.policy(),
                    new CheckSettings(s.seed(), s.budget(), s.replay(), budget, s.threads(), s.concurrencyTries()));
        }
        CheckResult result = delegate.run(effective);
        progress.check(ctx.claim() + "#" + id() + " done");
        return result;
    }
}
