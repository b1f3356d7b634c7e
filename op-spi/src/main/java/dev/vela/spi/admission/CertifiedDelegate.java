package dev.vela.spi.admission;

import dev.vela.spi.API;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateLimits;
import dev.vela.spi.KernelClaim;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a certificate certifies a provider's {@link Delegate} for (docs/architecture.md decision D13): the claims
 * (operator, data type, layout) the kit's generated subgraphs exercised and the delegate passed, the limits it
 * declared when it was certified, and how many subgraphs it passed. A runtime lets the delegate take only nodes
 * these claims cover, and only while it declares the same limits; a provider whose certificate lists no delegate
 * runs without its delegate.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class CertifiedDelegate {

    private final String providerId;
    private final Set<KernelClaim> claims;
    private final int maxPartitions;
    private final int minNodes;
    private final long subgraphs;

    private CertifiedDelegate(
            String providerId, Set<KernelClaim> claims, int maxPartitions, int minNodes, long subgraphs) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        if (providerId.isBlank()) {
            throw new IllegalArgumentException("a certified delegate needs its provider's id");
        }
        if (claims.isEmpty()) {
            throw new IllegalArgumentException(
                    "delegate of provider '" + providerId + "': a certified delegate needs" + " at least one claim");
        }
        // validated like DelegateLimits, whose constructor is not public
        DelegateLimits.of(maxPartitions, minNodes);
        if (subgraphs < 1) {
            throw new IllegalArgumentException("delegate of provider '" + providerId + "' passed " + subgraphs
                    + " subgraphs: at least one is needed");
        }
        this.claims = Collections.unmodifiableSet(new TreeSet<>(claims));
        this.maxPartitions = maxPartitions;
        this.minNodes = minNodes;
        this.subgraphs = subgraphs;
    }

    /**
     * @param providerId the id of the provider offering the delegate
     * @param claims the certified claims, at least one
     * @param limits the limits the delegate declared when certified
     * @param subgraphs how many generated subgraphs it passed, at least one
     * @return the entry
     * @throws IllegalArgumentException if a value is out of range
     */
    public static CertifiedDelegate of(
            String providerId, Set<KernelClaim> claims, DelegateLimits limits, long subgraphs) {
        return new CertifiedDelegate(
                providerId,
                Objects.requireNonNull(claims, "claims"),
                limits.maxPartitions(),
                limits.minNodes(),
                subgraphs);
    }

    /** @return the id of the provider offering the delegate */
    public String providerId() {
        return providerId;
    }

    /** @return the certified claims, sorted */
    public Set<KernelClaim> claims() {
        return claims;
    }

    /** @return the limits the delegate declared when certified */
    public DelegateLimits limits() {
        return maxPartitions == Integer.MAX_VALUE && minNodes == 1
                ? DelegateLimits.none()
                : DelegateLimits.of(maxPartitions, minNodes);
    }

    /** @return how many generated subgraphs it passed */
    public long subgraphs() {
        return subgraphs;
    }

    /**
     * @param declared the limits a loaded delegate declares
     * @return whether they are the certified ones
     */
    public boolean limitsMatch(DelegateLimits declared) {
        return declared != null && declared.maxPartitions() == maxPartitions && declared.minNodes() == minNodes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertifiedDelegate d
                && d.providerId.equals(providerId)
                && d.claims.equals(claims)
                && d.maxPartitions == maxPartitions
                && d.minNodes == minNodes
                && d.subgraphs == subgraphs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(providerId, claims, maxPartitions, minNodes, subgraphs);
    }

    @Override
    public String toString() {
        return "delegate of " + providerId + " " + claims + " (" + limits() + ", " + subgraphs + " subgraphs)";
    }
}
