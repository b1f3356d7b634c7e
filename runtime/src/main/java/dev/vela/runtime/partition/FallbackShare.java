package dev.vela.runtime.partition;

import dev.vela.runtime.delegate.DelegationPlan;
import dev.vela.runtime.delegate.PartitionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How much of a model fell back: the nodes of the original graph that run on the fallback (the reference kernels, or
 * a custom operator's reference implementation) rather than on an accelerator's kernel or delegate. A delegate
 * partition counts as all of its nodes.
 *
 * @param total the nodes of the original graph
 * @param fallenBack the descriptions of the nodes that fell back, in execution order
 */
public record FallbackShare(int total, List<String> fallenBack) {

    /** Copies the list. */
    public FallbackShare {
        fallenBack = List.copyOf(fallenBack);
    }

    /**
     * @param placement a session's placement after a run
     * @param fallbackId the fallback provider's id
     * @param delegation the model's delegation plan, if any
     * @return the share
     */
    public static FallbackShare of(Placement placement, String fallbackId, Optional<DelegationPlan> delegation) {
        int total = 0;
        List<String> fallen = new ArrayList<>();
        for (NodePlacement p : placement.nodes()) {
            Optional<PartitionReport> partition = delegation.flatMap(d -> d.partitions().stream()
                    .filter(r -> p.node().equals("partition " + r.name()))
                    .findFirst());
            if (partition.isPresent()) {
                total += partition.get().nodes().size();
                continue;
            }
            total++;
            if (p.provider().equals(fallbackId) || p.provider().endsWith("/reference")) {
                fallen.add(p.node());
            }
        }
        return new FallbackShare(total, fallen);
    }

    /** @return the share of nodes that fell back, 0 to 1 */
    public double share() {
        return total == 0 ? 0 : (double) fallenBack.size() / total;
    }

    /**
     * @param limit the largest share allowed, 0 to 1
     * @return the violation's message, or empty when within the limit
     */
    public Optional<String> exceeds(double limit) {
        if (share() <= limit) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                java.util.Locale.ROOT,
                "%d of %d nodes (%.1f%%) fell back to the reference, more than the allowed %.1f%%: %s",
                fallenBack.size(),
                total,
                100 * share(),
                100 * limit,
                String.join(", ", fallenBack)));
    }
}
