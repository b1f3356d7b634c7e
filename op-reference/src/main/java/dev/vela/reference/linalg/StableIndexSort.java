package dev.vela.reference.linalg;

/**
 * Sorts positions by long keys, ascending, keeping equal keys in their original order (a merge
 * sort on primitive arrays, so sorting allocates nothing per element).
 */
final class StableIndexSort {

    private StableIndexSort() {}

    /**
     * @param positions the positions to sort, in place; each indexes {@code keys}
     * @param keys the key of each position
     * @param work a buffer at least as long as {@code positions}
     */
    static void sort(int[] positions, long[] keys, int[] work) {
        int n = positions.length;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                merge(positions, keys, work, lo, lo + width, Math.min(lo + 2 * width, n));
            }
        }
    }

    private static void merge(int[] p, long[] keys, int[] work, int lo, int mid, int hi) {
        System.arraycopy(p, lo, work, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int out = lo; out < hi; out++) {
            // Taking from the left run on equal keys is what makes the sort stable.
            if (j >= hi || (i < mid && keys[work[i]] <= keys[work[j]])) {
                p[out] = work[i++];
            } else {
                p[out] = work[j++];
            }
        }
    }
}
