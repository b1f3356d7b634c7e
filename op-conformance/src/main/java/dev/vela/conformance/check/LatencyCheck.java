package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.CaseId;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.LatencyMeasurement;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Latency: on the largest of the first generated cases the kernel supports, after warm-up, the
 * median of repeated invocations must meet the {@link LatencyBudget} (absolute, or a ratio to the
 * reference kernel measured in the same run, interleaved so both see the same machine load).
 */
public final class LatencyCheck implements ConformanceCheck {

    /** How many generated cases are considered when picking the one to time. */
    private static final int CANDIDATES = 24;

    @Override
    public String id() {
        return "latency";
    }

    @Override
    public String title() {
        return "median latency within the budget";
    }

    /** @return true: the median latency is measured, and compared with the reference's */
    @Override
    public boolean measuresTime() {
        return true;
    }

    @Override
    public CheckResult run(ClaimContext ctx) {
        long start = System.nanoTime();
        try {
            Optional<OpCase> pick = largestSupported(ctx);
            if (pick.isEmpty()) {
                return CheckResult.skipped(id(), title(), "supports() declined every candidate case");
            }
            OpCase c = pick.get();
            LatencyBudget budget = ctx.settings().latencyBudget();
            double[] vendor = new double[budget.runs()];
            double[] reference = new double[budget.runs()];
            try (Kernel k = Harness.prepareVendor(ctx, c.node());
                    Kernel ref = Harness.prepareReference(ctx, c.node())) {
                Invocation vi = invocation(k, c);
                Invocation ri = invocation(ref, c);
                for (int i = 0; i < budget.warmups(); i++) {
                    k.invoke(vi);
                    ref.invoke(ri);
                }
                for (int i = 0; i < budget.runs(); i++) {
                    vendor[i] = time(k, vi);
                    reference[i] = time(ref, ri);
                }
            }
            Arrays.sort(vendor);
            Arrays.sort(reference);
            double refMedian = percentile(reference, 50);
            double limit = budget.limitMillis(refMedian);
            LatencyMeasurement m = new LatencyMeasurement(
                    types(c),
                    budget.runs(),
                    percentile(vendor, 50),
                    percentile(vendor, 90),
                    refMedian,
                    percentile(reference, 90),
                    limit,
                    budget.describe());
            CheckStatus status = m.withinBudget() ? CheckStatus.PASSED : CheckStatus.FAILED;
            String message = String.format(
                    java.util.Locale.ROOT,
                    "median %.3f ms %s budget %.3f ms",
                    m.medianMillis(),
                    m.withinBudget() ? "within" : "exceeds",
                    limit);
            return new CheckResult(
                    id(),
                    title(),
                    status,
                    1,
                    0,
                    Map.of(),
                    message,
                    Optional.empty(),
                    Optional.of(m),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (CheckFailure e) {
            return new CheckResult(
                    id(),
                    title(),
                    CheckStatus.FAILED,
                    1,
                    0,
                    Map.of(),
                    e.getMessage(),
                    Optional.empty(),
                    Optional.empty(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            return new CheckResult(
                    id(),
                    title(),
                    CheckStatus.FAILED,
                    1,
                    0,
                    Map.of(),
                    "invoke() threw while timing: " + e,
                    Optional.empty(),
                    Optional.empty(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static Optional<OpCase> largestSupported(ClaimContext ctx) {
        Gen<OpCase> gen = ctx.generator().validCases(ctx.claim());
        OpCase best = null;
        long bestElements = -1;
        for (int i = 0; i < CANDIDATES; i++) {
            CaseId id = new CaseId(ctx.settings().seed(), i);
            OpCase c = gen.generate(id.random(), id.size()).value();
            Support s;
            try {
                s = ctx.vendor().supports(c.node());
            } catch (RuntimeException e) {
                throw new CheckFailure("supports() threw instead of answering: " + e, e);
            }
            long elements = c.size().elements();
            if (s.isSupported() && elements > bestElements) {
                best = c;
                bestElements = elements;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Invocation invocation(Kernel k, OpCase c) {
        List<Tensor> outputs = Harness.allocate(Harness.outputTypes(k), (byte) 0);
        ByteBuffer scratch = Harness.scratch(k);
        return Invocation.of(c.inputs(), outputs, scratch, 1, Harness.freshState(k));
    }

    private static double time(Kernel k, Invocation inv) {
        long t0 = System.nanoTime();
        k.invoke(inv);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String types(OpCase c) {
        StringBuilder sb = new StringBuilder(c.node().op().toString()).append('(');
        for (int i = 0; i < c.inputs().size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(
                    c.inputs().get(i) == null
                            ? "absent"
                            : c.inputs().get(i).type().toString());
        }
        return sb.append(')').toString();
    }
}
