package dev.vela.runtime.plugin;

import dev.vela.spi.KernelClaim;
import dev.vela.spi.NumericsFlavour;
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
 * @param numerics the integer numerics flavour its certificate was issued for (D15), or null when no certificate
 *     says (the reference provider implements every flavour; uncertified plugins run in development mode unchecked)
 * @param delegateClaims the claims its delegate (SPI 1.1) may take: those its certificate lists for the delegate;
 *     empty when its delegate is not admitted (the certificate lists none, or none is offered); {@code null} for
 *     every claim the delegate makes (development mode, and providers admitted without a certificate)
 */
public record AdmittedProvider(
        OperatorProvider provider,
        String origin,
        Set<KernelClaim> claims,
        boolean certified,
        Set<KernelClaim> certifiedClaims,
        NumericsFlavour numerics,
        Set<KernelClaim> delegateClaims) {

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
     * A provider with a numerics flavour whose delegate, if it offers one, is admitted for the claims its per-node
     * kernels were admitted for when certified, and for all it makes when not.
     *
     * @param provider the provider
     * @param origin where it came from
     * @param claims the admitted claims
     * @param certified whether a verified certificate backs the admission
     * @param certifiedClaims the admitted claims the certificate lists
     * @param numerics its certificate's numerics flavour, or null
     */
    public AdmittedProvider(
            OperatorProvider provider,
            String origin,
            Set<KernelClaim> claims,
            boolean certified,
            Set<KernelClaim> certifiedClaims,
            NumericsFlavour numerics) {
        this(provider, origin, claims, certified, certifiedClaims, numerics, certified ? claims : null);
    }

    /**
     * A provider without a numerics flavour of its own (the reference provider, or an uncertified plugin).
     *
     * @param provider the provider
     * @param origin where it came from
     * @param claims the admitted claims
     * @param certified whether a verified certificate backs the admission
     * @param certifiedClaims the admitted claims the certificate lists
     */
    public AdmittedProvider(
            OperatorProvider provider,
            String origin,
            Set<KernelClaim> claims,
            boolean certified,
            Set<KernelClaim> certifiedClaims) {
        this(provider, origin, claims, certified, certifiedClaims, (NumericsFlavour) null);
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

    /** @return whether this is the runtime's golden reference provider ({@link ReferenceProviders}) */
    public boolean isReference() {
        return ReferenceProviders.isReference(provider);
    }
}
