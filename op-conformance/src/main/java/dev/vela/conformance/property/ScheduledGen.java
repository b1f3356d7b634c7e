package dev.vela.conformance.property;

/**
 * A generator that draws some of the first cases of a run from fixed generators ({@link Gens#firstCases}).
 * A generator that mixes several (one operator covered by two case generators) asks it which early cases it
 * schedules and gives it those, so that mixing does not leave the schedule to chance.
 *
 * @param <T> the value type
 */
public interface ScheduledGen<T> extends Gen<T> {

    /**
     * @param index a case index of a run
     * @return whether this generator draws that case from a fixed generator of its own
     */
    boolean schedules(int index);
}
