package dev.vela.runtime.partition;

import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One admitted provider as the partitioner sees it (already in preference order): its factories by operator and the
 * claims it may serve.
 */
final class Candidate {

    private final String id;
    private final Map<OpId, KernelFactory> factories;
    /** The admitted claims; {@code null} means every claim of its factories (the fallback provider). */
    private final Set<KernelClaim> admitted;
    private final boolean reference;

    Candidate(String id, List<KernelFactory> factories, Set<KernelClaim> admitted, boolean reference) {
        this.id = id;
        this.reference = reference;
        Map<OpId, KernelFactory> byOp = new HashMap<>();
        for (KernelFactory f : factories) {
            byOp.putIfAbsent(f.op(), f);
        }
        this.factories = Map.copyOf(byOp);
        this.admitted = admitted == null ? null : Set.copyOf(admitted);
    }

    String id() {
        return id;
    }

    /** @return whether this is the golden reference provider */
    boolean reference() {
        return reference;
    }

    Optional<KernelFactory> factory(OpId op) {
        return Optional.ofNullable(factories.get(op));
    }

    Map<OpId, KernelFactory> factories() {
        return factories;
    }

    /** @return whether the claim (or its layout-independent form) is admitted */
    boolean admits(KernelClaim claim) {
        return admitted == null || admitted.contains(claim)
                || admitted.contains(KernelClaim.of(claim.op(), claim.dataType()));
    }
}
