package dev.vela.conformance.check;

import dev.vela.conformance.cases.CaseSize;
import dev.vela.conformance.property.Budget;
import dev.vela.conformance.property.CaseId;
import dev.vela.conformance.property.Counterexample;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Property;
import dev.vela.conformance.property.PropertyResult;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.FailureCase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * A check run as a property over generated values: the first failing value is shrunk and
 * reported with its replay line.
 *
 * @param <T> the generated value (a case, an invalid node)
 */
public abstract class GeneratedCheck<T> implements ConformanceCheck {

    /** Most time beyond the budget's before a check is declared hung. */
    private static final Duration HANG_MARGIN = Duration.ofSeconds(30);

    /** The system property that restricts a run to one claim and check: {@code <claim>#<check>}. */
    public static final String ONLY_PROPERTY = "vela.conformance.only";

    /**
     * @param ctx the claim
     * @return the values to check, or empty if there are none for this claim (the check is skipped)
     */
    protected abstract Optional<Gen<T>> values(ClaimContext ctx);

    /**
     * Checks one value; throws {@link CheckFailure} if the kernel breaks the contract.
     *
     * @param value the value
     * @param ctx the claim
     */
    protected abstract void verify(T value, ClaimContext ctx);

    /**
     * @param value a value
     * @return it described for a report
     */
    protected abstract String describe(T value);

    /**
     * @param value a value
     * @return its size, to show shrinking worked
     */
    protected abstract CaseSize size(T value);

    /**
     * @param value a value
     * @return its classification labels
     */
    protected abstract Collection<String> labels(T value);

    /**
     * @param settings run settings
     * @return how many values to try
     */
    protected int tries(CheckSettings settings) {
        return settings.budget().maxTries();
    }

    /**
     * Called when no value applied (all were discarded).
     *
     * @param result the run
     * @param millis wall time of the check
     * @return the result to report; SKIPPED with the discard reasons by default
     */
    protected CheckResult nothingRun(PropertyResult<T> result, long millis) {
        return new CheckResult(
                id(),
                title(),
                CheckStatus.SKIPPED,
                0,
                result.casesDiscarded(),
                result.statistics().counts(),
                "no case applied: " + result.statistics().counts(),
                Optional.empty(),
                Optional.empty(),
                millis);
    }

    @Override
    public final CheckResult run(ClaimContext ctx) {
        long start = System.nanoTime();
        Optional<Gen<T>> gen;
        try {
            gen = values(ctx);
        } catch (RuntimeException e) {
            return CheckResult.error(id(), title(), e, 0);
        }
        if (gen.isEmpty()) {
            return CheckResult.skipped(
                    id(), title(), "the case generator for " + ctx.claim().op() + " has no values for this check");
        }
        Property<T> property =
                Property.forAll(gen.get(), (T v) -> verify(v, ctx)).classifiedBy(this::labels);
        CheckSettings settings = ctx.settings();
        Budget budget = settings.budget().withTries(Math.max(1, tries(settings)));
        Optional<CaseId> replay = settings.replay();
        Callable<PropertyResult<T>> work = () -> replay.isPresent()
                ? property.replay(replay.get().seed(), replay.get().index(), budget)
                : property.run(settings.seed(), budget);
        // The budget's times bound the run between cases; a kernel that never returns is caught here.
        Duration margin =
                budget.maxTime().compareTo(HANG_MARGIN) < 0 ? budget.maxTime().plusSeconds(1) : HANG_MARGIN;
        Duration limit = budget.maxTime().plus(budget.maxShrinkTime()).plus(margin);
        PropertyResult<T> result;
        try {
            result = Watchdog.call(work, limit, "vela-conformance-" + id());
        } catch (TimeoutException e) {
            return new CheckResult(
                    id(),
                    title(),
                    CheckStatus.FAILED,
                    0,
                    0,
                    java.util.Map.of(),
                    "did not finish within " + limit.toSeconds() + " s: a kernel call hangs (the run's seed is "
                            + settings.seed() + ")",
                    Optional.empty(),
                    Optional.empty(),
                    millisSince(start));
        } catch (RuntimeException e) {
            return CheckResult.error(id(), title(), e, millisSince(start));
        }
        long millis = millisSince(start);
        if (result.counterexample().isPresent()) {
            return failed(ctx, result, result.counterexample().get(), millis);
        }
        if (result.casesRun() == 0) {
            return nothingRun(result, millis);
        }
        String message = result.casesRun() + " cases passed" + (result.exhausted() ? " (time budget reached)" : "")
                + (result.casesDiscarded() > 0 ? ", " + result.casesDiscarded() + " discarded" : "");
        return new CheckResult(
                id(),
                title(),
                CheckStatus.PASSED,
                result.casesRun(),
                result.casesDiscarded(),
                result.statistics().counts(),
                message,
                Optional.empty(),
                Optional.empty(),
                millis);
    }

    private CheckResult failed(ClaimContext ctx, PropertyResult<T> result, Counterexample<T> cx, long millis) {
        boolean kitError = cx.failure() instanceof KitError;
        String text = failureText(cx.failure());
        String replay = cx.replayLine() + " -D" + ONLY_PROPERTY + "=" + ctx.claim() + "#" + id();
        FailureCase failure = new FailureCase(
                text,
                describe(cx.shrunk()),
                describe(cx.original()),
                size(cx.original()),
                size(cx.shrunk()),
                cx.shrinkSteps(),
                cx.caseId().toString(),
                replay);
        String first = text.lines().findFirst().orElse(text);
        return new CheckResult(
                id(),
                title(),
                kitError ? CheckStatus.ERROR : CheckStatus.FAILED,
                result.casesRun(),
                result.casesDiscarded(),
                result.statistics().counts(),
                first,
                Optional.of(failure),
                Optional.empty(),
                millis);
    }

    /**
     * @param t what the check body threw
     * @return its message for a check failure; the exception with its top frames otherwise
     */
    static String failureText(Throwable t) {
        if (t instanceof CheckFailure && t.getCause() == null) {
            return t.getMessage();
        }
        StringWriter sw = new StringWriter();
        Throwable shown = t instanceof CheckFailure || t instanceof KitError ? t.getCause() : t;
        if (t instanceof CheckFailure || t instanceof KitError) {
            sw.append(t.getMessage()).append('\n');
        }
        if (shown == null) { // a KitError without a cause: its message says it all
            return sw.toString().strip();
        }
        StackTraceElement[] frames = shown.getStackTrace();
        sw.append(shown.toString());
        for (int i = 0; i < Math.min(8, frames.length); i++) {
            sw.append("\n    at ").append(frames[i].toString());
        }
        new PrintWriter(sw).flush();
        return sw.toString();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
