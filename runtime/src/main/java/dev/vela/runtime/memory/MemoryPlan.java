package dev.vela.runtime.memory;

/**
 * Offsets of buffers in one arena, with the arena's size and the lower bound any placement of these buffers needs.
 *
 * @param offsets per buffer, its byte offset in the arena (a multiple of the alignment)
 * @param arenaBytes the arena size
 * @param lowerBoundBytes the largest sum of simultaneously live buffer sizes over all steps
 */
public record MemoryPlan(long[] offsets, long arenaBytes, long lowerBoundBytes) {

    /** @return arena size over lower bound (1.0 is optimal; 1.0 too when both are 0) */
    public double ratio() {
        return lowerBoundBytes == 0 ? 1.0 : (double) arenaBytes / lowerBoundBytes;
    }
}
