package dev.vela.conformance.property;

import java.time.Duration;

/**
 * How much work one property run may do: cases to try, wall time for trying them, and shrink
 * steps (each a candidate tried) and time for shrinking a counterexample.
 *
 * @param maxTries most cases generated
 * @param maxTime wall time for generating and checking cases; the run stops early, passing, when it is used up
 * @param maxShrinkSteps most shrink candidates tried
 * @param maxShrinkTime wall time for shrinking
 */
public record Budget(int maxTries, Duration maxTime, int maxShrinkSteps, Duration maxShrinkTime) {

    /** 100 tries within 10 s, 500 shrink steps within 10 s. */
    public static final Budget DEFAULT = new Budget(100, Duration.ofSeconds(10), 500, Duration.ofSeconds(10));

    /**
     * Cases per check of the gate ({@code vela-maven-plugin}'s {@code tries} default, which is this constant): as
     * many as certify the whole reference operator set within the gate's time goal of two minutes.
     */
    public static final int GATE_TRIES = 50;

    /** Wall time per check of the gate in seconds ({@code vela-maven-plugin}'s {@code secondsPerCheck} default). */
    public static final int GATE_SECONDS_PER_CHECK = 3;

    /** @return the gate's default budget: {@link #GATE_TRIES} within {@link #GATE_SECONDS_PER_CHECK} s per check */
    public static Budget gate() {
        return DEFAULT.withTries(GATE_TRIES).withMaxTime(Duration.ofSeconds(GATE_SECONDS_PER_CHECK));
    }

    /**
     * @param maxTries positive
     * @param maxTime positive
     * @param maxShrinkSteps non-negative
     * @param maxShrinkTime positive
     */
    public Budget {
        if (maxTries <= 0
                || maxShrinkSteps < 0
                || maxTime.isNegative()
                || maxTime.isZero()
                || maxShrinkTime.isNegative()) {
            throw new IllegalArgumentException("bad budget: " + maxTries + " tries, " + maxTime + ", " + maxShrinkSteps
                    + " shrink steps, " + maxShrinkTime);
        }
    }

    /**
     * @param tries most cases generated
     * @return a copy with that many tries
     */
    public Budget withTries(int tries) {
        return new Budget(tries, maxTime, maxShrinkSteps, maxShrinkTime);
    }

    /**
     * @param time wall time for trying cases
     * @return a copy with that time
     */
    public Budget withMaxTime(Duration time) {
        return new Budget(maxTries, time, maxShrinkSteps, maxShrinkTime);
    }

    /**
     * @param steps most shrink candidates tried
     * @return a copy with that many shrink steps
     */
    public Budget withShrinkSteps(int steps) {
        return new Budget(maxTries, maxTime, steps, maxShrinkTime);
    }
}
