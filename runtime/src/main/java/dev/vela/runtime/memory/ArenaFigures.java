package dev.vela.runtime.memory;

/**
 * A session's arena for its current input shapes.
 *
 * @param arenaBytes the planned arena size (intermediate tensors and scratch; graph outputs are allocated apart)
 * @param lowerBoundBytes the largest sum of simultaneously live buffers (after in-place merging): no placement of
 *     these buffers needs less
 * @param buffers how many buffers the arena holds
 * @param inPlace how many values share their input's buffer (views and in-place elementwise operators)
 */
public record ArenaFigures(long arenaBytes, long lowerBoundBytes, int buffers, int inPlace) {

    /** @return arena over lower bound; 1.0 when both are 0 */
    public double ratio() {
        return lowerBoundBytes == 0 ? 1.0 : (double) arenaBytes / lowerBoundBytes;
    }
}
