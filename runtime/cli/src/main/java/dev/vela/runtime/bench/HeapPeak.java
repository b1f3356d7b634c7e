package dev.vela.runtime.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The peak Java heap use over a measured stretch, from the heap memory pools' peak counters (eden, survivor, old
 * generation). The pools peak at different moments, so their sum is an upper bound of the true peak.
 */
public final class HeapPeak {

    private HeapPeak() {}

    /** Starts a measured stretch: clears every heap pool's peak. */
    public static void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** @return the summed peak use of the heap pools since {@link #reset()}, in bytes */
    public static long bytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
