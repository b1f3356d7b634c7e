package dev.vela.runtime.partition;

import dev.vela.spi.KernelClaim;
import java.util.List;

/**
 * Where one node runs and why the other providers were not chosen.
 *
 * @param node the node's description
 * @param claim the (operator, input-0 data type, layout) the choice was made for, or null when the node has no
 *     typed first input
 * @param provider the chosen provider's id
 * @param rejected each other provider considered before it, with its reason
 */
public record NodePlacement(String node, KernelClaim claim, String provider, List<Rejection> rejected) {

    /** Copies the list. */
    public NodePlacement {
        rejected = List.copyOf(rejected);
    }
}
