package dev.vela.spi;

/**
 * What a {@link Delegate} can hold: at most so many partitions per model (an accelerator's command
 * queues or program slots) and at least so many nodes in one (below that the boundary crossing costs
 * more than it saves). The runtime drops the proposals beyond them, keeping the largest, and says so.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class DelegateLimits {

    private static final DelegateLimits NONE = new DelegateLimits(Integer.MAX_VALUE, 1);

    private final int maxPartitions;
    private final int minNodes;

    private DelegateLimits(int maxPartitions, int minNodes) {
        this.maxPartitions = maxPartitions;
        this.minNodes = minNodes;
    }

    /** @return no limits: any number of partitions of at least one node */
    public static DelegateLimits none() {
        return NONE;
    }

    /**
     * @param maxPartitions the most partitions one model may give the delegate, at least 1
     * @param minNodes the fewest nodes of a partition, at least 1
     * @return the limits
     * @throws IllegalArgumentException if either is below 1
     */
    public static DelegateLimits of(int maxPartitions, int minNodes) {
        if (maxPartitions < 1 || minNodes < 1) {
            throw new IllegalArgumentException(
                    "maxPartitions and minNodes must be at least 1, got " + maxPartitions + " and " + minNodes);
        }
        return new DelegateLimits(maxPartitions, minNodes);
    }

    /** @return the most partitions per model */
    public int maxPartitions() {
        return maxPartitions;
    }

    /** @return the fewest nodes per partition */
    public int minNodes() {
        return minNodes;
    }

    @Override
    public String toString() {
        return "maxPartitions=" + (maxPartitions == Integer.MAX_VALUE ? "unlimited" : maxPartitions) + " minNodes="
                + minNodes;
    }
}
