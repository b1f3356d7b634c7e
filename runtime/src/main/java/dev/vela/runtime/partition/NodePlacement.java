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
 * @param definedBy for a custom operator, the definition it follows and the provider that contributes it
 *     ({@code com.acme:Scale v1 by acme-dsp, schema 1a2b3c4d5e6f}); null for the reference's operators
 */
public record NodePlacement(
        String node, KernelClaim claim, String provider, List<Rejection> rejected, String definedBy) {

    /** Copies the list. */
    public NodePlacement {
        rejected = List.copyOf(rejected);
    }

    /**
     * The placement of a node of an operator the reference defines.
     *
     * @param node the node's description
     * @param claim the claim, or null
     * @param provider the chosen provider's id
     * @param rejected the other providers with their reasons
     */
    public NodePlacement(String node, KernelClaim claim, String provider, List<Rejection> rejected) {
        this(node, claim, provider, rejected, null);
    }
}
