package dev.vela.conformance.property;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A property: a body that must not throw for any value of a generator. A run tries cases
 * {@code 0, 1, 2, ...} of a seed, each generated from its own {@link CaseId}, stops at the first
 * failure and shrinks it to a minimal failing value.
 *
 * <p>The body fails by throwing (an {@link AssertionError} or anything else) and skips a case by
 * throwing {@link CaseDiscarded}.
 *
 * @param <T> the value type
 */
public final class Property<T> {

    private final Gen<T> gen;
    private final Consumer<? super T> body;
    private final Function<? super T, ? extends Collection<String>> classifier;

    private Property(
            Gen<T> gen, Consumer<? super T> body, Function<? super T, ? extends Collection<String>> classifier) {
        this.gen = Objects.requireNonNull(gen, "gen");
        this.body = Objects.requireNonNull(body, "body");
        this.classifier = classifier;
    }

    /**
     * @param gen the values
     * @param body throws for a value that breaks the property
     * @param <T> the value type
     * @return the property
     */
    public static <T> Property<T> forAll(Gen<T> gen, Consumer<? super T> body) {
        return new Property<>(gen, body, t -> List.of());
    }

    /**
     * @param labels the labels a value carries (recorded in the run's statistics)
     * @return a copy that classifies values
     */
    public Property<T> classifiedBy(Function<? super T, ? extends Collection<String>> labels) {
        return new Property<>(gen, body, labels);
    }

    /**
     * @param seed the case's run seed
     * @param caseIndex the case's index
     * @return exactly the value that run generated for that case
     */
    public T generate(long seed, int caseIndex) {
        return shrinkable(new CaseId(seed, caseIndex)).value();
    }

    private Shrinkable<T> shrinkable(CaseId id) {
        return gen.generate(id.random(), id.size());
    }

    /**
     * Runs cases 0, 1, ... until one fails or the budget's tries or time are used.
     *
     * @param seed the seed
     * @param budget the budget
     * @return the result, with the shrunk counterexample if a case failed
     */
    public PropertyResult<T> run(long seed, Budget budget) {
        long start = System.nanoTime();
        long deadline = start + budget.maxTime().toNanos();
        Statistics stats = new Statistics();
        int run = 0;
        int discarded = 0;
        for (int i = 0; i < budget.maxTries(); i++) {
            if (i > 0 && System.nanoTime() - deadline > 0) {
                return new PropertyResult<>(seed, run, discarded, stats, Optional.empty(), millisSince(start), true);
            }
            CaseId id = new CaseId(seed, i);
            Shrinkable<T> value = shrinkable(id);
            Outcome outcome = test(value.value());
            if (outcome.discardLabel != null) {
                discarded++;
                stats.record(outcome.discardLabel);
                continue;
            }
            run++;
            for (String label : classifier.apply(value.value())) {
                stats.record(label);
            }
            if (outcome.failure != null) {
                Counterexample<T> cx = shrink(id, value, outcome.failure, budget);
                return new PropertyResult<>(seed, run, discarded, stats, Optional.of(cx), millisSince(start), false);
            }
        }
        return new PropertyResult<>(seed, run, discarded, stats, Optional.empty(), millisSince(start), false);
    }

    /**
     * Runs one case alone, as a replay line asks, and shrinks it if it fails.
     *
     * @param seed the seed of the run that found it
     * @param caseIndex its index
     * @param budget the shrink budget (tries and time are not used)
     * @return the result of that one case
     */
    public PropertyResult<T> replay(long seed, int caseIndex, Budget budget) {
        long start = System.nanoTime();
        CaseId id = new CaseId(seed, caseIndex);
        Shrinkable<T> value = shrinkable(id);
        Statistics stats = new Statistics();
        Outcome outcome = test(value.value());
        if (outcome.discardLabel != null) {
            stats.record(outcome.discardLabel);
            return new PropertyResult<>(seed, 0, 1, stats, Optional.empty(), millisSince(start), false);
        }
        classifier.apply(value.value()).forEach(stats::record);
        Optional<Counterexample<T>> cx =
                outcome.failure == null ? Optional.empty() : Optional.of(shrink(id, value, outcome.failure, budget));
        return new PropertyResult<>(seed, 1, 0, stats, cx, millisSince(start), false);
    }

    /**
     * @param seed the seed of the run that found it
     * @param caseIndex its index
     * @return the result of that one case, shrunk with the default budget
     */
    public PropertyResult<T> replay(long seed, int caseIndex) {
        return replay(seed, caseIndex, Budget.DEFAULT);
    }

    private Counterexample<T> shrink(CaseId id, Shrinkable<T> failing, Throwable failure, Budget budget) {
        long deadline = System.nanoTime() + budget.maxShrinkTime().toNanos();
        Shrinkable<T> current = failing;
        Throwable currentFailure = failure;
        int steps = 0;
        int accepted = 0;
        boolean progressed = true;
        while (progressed && steps < budget.maxShrinkSteps()) {
            progressed = false;
            Iterator<Shrinkable<T>> candidates = current.shrinks().iterator();
            while (candidates.hasNext() && steps < budget.maxShrinkSteps() && System.nanoTime() - deadline < 0) {
                Shrinkable<T> candidate = candidates.next();
                steps++;
                Outcome outcome = test(candidate.value());
                if (outcome.failure != null) {
                    current = candidate;
                    currentFailure = outcome.failure;
                    accepted++;
                    progressed = true;
                    break;
                }
            }
        }
        return new Counterexample<>(id, failing.value(), current.value(), failure, currentFailure, steps, accepted);
    }

    private Outcome test(T value) {
        try {
            body.accept(value);
            return Outcome.PASS;
        } catch (CaseDiscarded d) {
            return new Outcome(null, d.getMessage());
        } catch (VirtualMachineError e) {
            if (e instanceof StackOverflowError) {
                return new Outcome(e, null);
            }
            throw e;
        } catch (Throwable t) {
            return new Outcome(t, null);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private record Outcome(Throwable failure, String discardLabel) {
        static final Outcome PASS = new Outcome(null, null);
    }
}
