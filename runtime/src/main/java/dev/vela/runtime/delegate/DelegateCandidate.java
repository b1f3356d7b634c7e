package dev.vela.runtime.delegate;

import dev.vela.spi.Delegate;
import dev.vela.spi.KernelClaim;
import java.util.Map;
import java.util.Set;

/**
 * An admitted provider's delegate as the planner sees it, in the providers' preference order.
 *
 * @param providerId the provider's id
 * @param delegate the delegate
 * @param admitted the claims it may serve, or null for all its own (development mode)
 * @param rankedAbove per operator and input data type (a claim of any layout), the id of a provider ranked above
 *     this one that has an admitted per-node kernel for it: such nodes stay with that provider
 */
public record DelegateCandidate(
        String providerId, Delegate delegate, Set<KernelClaim> admitted, Map<KernelClaim, String> rankedAbove) {

    /** Copies the collections. */
    public DelegateCandidate {
        admitted = admitted == null ? null : Set.copyOf(admitted);
        rankedAbove = Map.copyOf(rankedAbove);
    }
}
