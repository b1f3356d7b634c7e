package dev.vela.runtime.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places buffers with known lifetimes in one arena so that buffers live at the same time never overlap. Runs a few
 * greedy orders (largest first, longest-lived first, earliest first) with best-fit gaps and keeps the smallest
 * arena; every offset is a multiple of the alignment.
 */
public final class MemoryPlanner {

    /** The alignment of every offset, a cache line. */
    public static final int ALIGNMENT = 64;

    private MemoryPlanner() {}

    /**
     * @param buffers the buffers
     * @return their offsets, the arena size and the lower bound
     */
    public static MemoryPlan plan(List<Buffer> buffers) {
        long lowerBound = lowerBound(buffers);
        List<Comparator<Integer>> orders = List.of(
                Comparator.comparingLong((Integer i) -> buffers.get(i).bytes())
                        .reversed()
                        .thenComparingInt(i -> buffers.get(i).first()),
                Comparator.comparingInt((Integer i) ->
                                buffers.get(i).last() - buffers.get(i).first())
                        .reversed()
                        .thenComparing(Comparator.comparingLong(
                                        (Integer i) -> buffers.get(i).bytes())
                                .reversed()),
                Comparator.comparingInt((Integer i) -> buffers.get(i).first())
                        .thenComparing(Comparator.comparingLong(
                                        (Integer i) -> buffers.get(i).bytes())
                                .reversed()));
        long[] best = null;
        long bestSize = Long.MAX_VALUE;
        for (Comparator<Integer> order : orders) {
            long[] offsets = place(buffers, order);
            long size = arenaSize(buffers, offsets);
            if (size < bestSize) {
                best = offsets;
                bestSize = size;
            }
        }
        return new MemoryPlan(best, bestSize, lowerBound);
    }

    /** The largest sum of sizes of buffers live at one step: no placement can use less. */
    static long lowerBound(List<Buffer> buffers) {
        int steps = 0;
        for (Buffer b : buffers) {
            steps = Math.max(steps, b.last() + 1);
        }
        long[] delta = new long[steps + 1];
        for (Buffer b : buffers) {
            delta[b.first()] += b.bytes();
            delta[b.last() + 1] -= b.bytes();
        }
        long live = 0;
        long max = 0;
        for (int s = 0; s < steps; s++) {
            live += delta[s];
            max = Math.max(max, live);
        }
        return max;
    }

    private static long[] place(List<Buffer> buffers, Comparator<Integer> order) {
        List<Integer> sequence = new ArrayList<>();
        for (int i = 0; i < buffers.size(); i++) {
            sequence.add(i);
        }
        sequence.sort(order);
        long[] offsets = new long[buffers.size()];
        List<Integer> placed = new ArrayList<>();
        for (int i : sequence) {
            Buffer b = buffers.get(i);
            if (b.bytes() == 0) {
                continue; // takes no room
            }
            List<Integer> conflicts = new ArrayList<>();
            for (int p : placed) {
                if (buffers.get(p).overlapsInTime(b)) {
                    conflicts.add(p);
                }
            }
            conflicts.sort(Comparator.comparingLong(p -> offsets[p]));
            long bestOffset = -1;
            long bestGap = Long.MAX_VALUE;
            long free = 0;
            for (int p : conflicts) {
                long gap = offsets[p] - free;
                if (gap >= b.bytes() && gap < bestGap) {
                    bestOffset = free;
                    bestGap = gap;
                }
                free = Math.max(free, alignUp(offsets[p] + buffers.get(p).bytes()));
            }
            offsets[i] = bestOffset >= 0 ? bestOffset : free;
            placed.add(i);
        }
        return offsets;
    }

    private static long arenaSize(List<Buffer> buffers, long[] offsets) {
        long size = 0;
        for (int i = 0; i < offsets.length; i++) {
            size = Math.max(size, offsets[i] + buffers.get(i).bytes());
        }
        return size;
    }

    /**
     * @param bytes a size or offset
     * @return it rounded up to the alignment
     */
    public static long alignUp(long bytes) {
        return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
