package dev.vela.conformance.cases;

/**
 * How big a case is, for judging shrinking: compared by element count, then summed rank, then
 * the number of values that are not 0 (simpler values come first).
 *
 * @param elements input elements in total
 * @param rankSum sum of the input ranks
 * @param nonZeroValues input values other than 0
 */
public record CaseSize(long elements, int rankSum, long nonZeroValues) implements Comparable<CaseSize> {

    @Override
    public int compareTo(CaseSize o) {
        int c = Long.compare(elements, o.elements);
        if (c == 0) {
            c = Integer.compare(rankSum, o.rankSum);
        }
        return c != 0 ? c : Long.compare(nonZeroValues, o.nonZeroValues);
    }

    @Override
    public String toString() {
        return elements + " elements, rank sum " + rankSum + ", " + nonZeroValues + " non-zero values";
    }
}
