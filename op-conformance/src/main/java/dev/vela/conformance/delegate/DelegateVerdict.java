package dev.vela.conformance.delegate;

import dev.vela.spi.KernelClaim;
import java.util.List;
import java.util.Set;

/**
 * The outcome of certifying a delegate: which claims the generated subgraphs exercised, how many subgraphs were
 * generated and how many were cut from real models, and the findings (each shrunk). Certified only without
 * findings.
 *
 * @param exercised the delegate's claims the subgraphs covered, generated or cut from real models (a claim counts
 *     for a cut when a proposed set holding it compiled and passed): what it may be certified for
 * @param cases the number of generated subgraphs checked
 * @param cuts the number of subgraphs cut from real models checked ({@link ModelCut})
 * @param findings the failures, empty when certified
 */
public record DelegateVerdict(Set<KernelClaim> exercised, int cases, int cuts, List<DelegateFinding> findings) {

    /** Copies the collections. */
    public DelegateVerdict {
        exercised = Set.copyOf(exercised);
        findings = List.copyOf(findings);
    }

    /** @return whether the delegate is certified for {@link #exercised()} */
    public boolean certified() {
        return findings.isEmpty() && cases > 0;
    }
}
