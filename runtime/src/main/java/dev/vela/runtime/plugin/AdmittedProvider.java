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
 */
public record AdmittedProvider(OperatorProvider provider, String origin, Set<KernelClaim> claims, boolean certified) {

    /** Copies the claims. */
    public AdmittedProvider {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(origin, "origin");
        claims = Set.copyOf(claims);
    }

    /** @return the provider's id */
    public String id() {
        return provider.info().id();
    }
}
