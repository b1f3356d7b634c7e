package dev.vela.runtime.plugin;

import dev.vela.spi.KernelClaim;
import dev.vela.spi.OperatorProvider;
import java.util.Objects;
import java.util.Set;

/**
 * A provider the loader admitted, with the claims it may serve.
 *
 * @param provider the provider
 * @param origin the jar file it came from, or {@code class path}
 * @param claims the admitted claims: the certified subset of its factories' claims (all of them for the reference
 *     provider and in development mode)
 * @param certified whether a verified certificate backs the admission (false for the reference provider and for
 *     plugins admitted in development mode)
 * @param certifiedClaims the admitted claims the certificate lists: all of {@code claims} outside development mode,
 *     fewer when development mode admitted uncertified claims of a certified provider, none when not certified
 * @param delegateClaims the claims its delegate (SPI 1.1) may take: those its certificate lists for the delegate;
 *     empty when its delegate is not admitted (the certificate lists none, or none is offered); {@code null} for
 *     every claim the delegate makes (development mode, and providers admitted without a certificate)
 */
public record AdmittedProvider(OperatorProvider provider, String origin, Set<KernelClaim> claims, boolean certified,
        Set<KernelClaim> certifiedClaims, Set<KernelClaim> delegateClaims) {

    /** Copies the claims. */
    public AdmittedProvider {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(origin, "origin");
        claims = Set.copyOf(claims);
        certifiedClaims = Set.copyOf(certifiedClaims);
        delegateClaims = delegateClaims == null ? null : Set.copyOf(delegateClaims);
        if (!claims.containsAll(certifiedClaims) || (!certified && !certifiedClaims.isEmpty())) {
            throw new IllegalArgumentException("certified claims " + certifiedClaims + " must be admitted claims of a "
                    + "certified provider, admitted: " + claims);
        }
    }

    /**
     * A provider whose delegate, if it offers one, is admitted for the claims its per-node kernels were admitted for
     * when certified, and for all it makes when not.
     *
     * @param provider the provider
     * @param origin where it came from
     * @param claims the admitted claims
     * @param certified whether a verified certificate backs the admission
     * @param certifiedClaims the admitted claims the certificate lists
     */
    public AdmittedProvider(OperatorProvider provider, String origin, Set<KernelClaim> claims, boolean certified,
            Set<KernelClaim> certifiedClaims) {
        this(provider, origin, claims, certified, certifiedClaims, certified ? claims : null);
    }

    /**
     * A provider whose admitted claims are all certified, or none of them.
     *
     * @param provider the provider
     * @param origin where it came from
     * @param claims the admitted claims
     * @param certified whether a verified certificate lists every one of them
     */
    public AdmittedProvider(OperatorProvider provider, String origin, Set<KernelClaim> claims, boolean certified) {
        this(provider, origin, claims, certified, certified ? claims : Set.of());
    }

    /** @return the provider's id */
    public String id() {
        return provider.info().id();
    }
}
