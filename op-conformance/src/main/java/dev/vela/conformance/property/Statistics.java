package dev.vela.conformance.property;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Counts of classification labels over the cases of a run (how many were empty, broadcast, declined, ...). */
public final class Statistics {

    private final Map<String, Integer> counts = new TreeMap<>();

    /**
     * @param label a label
     */
    public void record(String label) {
        counts.merge(label, 1, Integer::sum);
    }

    /**
     * @param label a label
     * @return how many cases carried it
     */
    public int count(String label) {
        return counts.getOrDefault(label, 0);
    }

    /** @return every label with its count, sorted by label */
    public Map<String, Integer> counts() {
        return Collections.unmodifiableMap(counts);
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
