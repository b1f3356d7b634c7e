package dev.vela.maven;

import dev.vela.spi.admission.SeedDerivation;
import java.util.Base64;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The seed of a gate run and where it came from (docs/architecture.md D16). A run that may yield a certificate
 * (a signing key is configured and no seed was given) derives its seed from the jar, the profile and the
 * key, so neither the vendor nor the authority chooses the cases a certificate rests on. A seed given with
 * {@code <seed>} or {@code -Dvela.seed} makes an exploration run: it replays or tries cases, and never yields
 * a certificate. Without a key the run draws a random seed (each run tries new cases).
 *
 * @param seed the seed of every generated case
 * @param origin where it came from
 * @param derivation the derivation to record in the certificate, present only for {@link Origin#DERIVED}
 */
record RunSeed(long seed, Origin origin, Optional<SeedDerivation> derivation) {

    /** The seed policy that asks for a derived seed, as opposed to a number. */
    static final String DERIVED = "derived";

    /**
     * @param policy {@code <seed>}: a number (chosen), {@value #DERIVED}, or null (derived with a key, else random)
     * @return the chosen seed, empty when the seed is to be derived or drawn
     * @throws IllegalArgumentException naming the value when it is neither
     */
    static Optional<Long> parsePolicy(String policy) {
        if (policy == null || policy.isBlank() || policy.trim().equals(DERIVED)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(policy.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed '" + policy + "' is neither a number nor '" + DERIVED + "'");
        }
    }

    /** Where a run's seed came from. */
    enum Origin {
        /** derived from the jar, profile and signing key: the run may issue a certificate */
        DERIVED("derived from the jar, the profile and the signing key"),
        /** given by whoever ran the gate: exploration, no certificate */
        CHOSEN("chosen with <seed>/-Dvela.seed: an exploration run, which issues no certificate"),
        /** drawn at random because no key is configured: no certificate either way */
        RANDOM("random");

        private final String description;

        Origin(String description) {
            this.description = description;
        }

        /** @return how the summary and the log describe it */
        String description() {
            return description;
        }
    }

    /**
     * @param chosen the seed given in the pom or on the command line, or null
     * @param signer the signing key, or null
     * @param jarSha256 the jar's hash
     * @param profile the profile's name
     * @return the run's seed
     */
    static RunSeed of(Long chosen, CertificateSigner signer, String jarSha256, String profile) {
        if (chosen != null) {
            return new RunSeed(chosen, Origin.CHOSEN, Optional.empty());
        }
        if (signer == null) {
            return new RunSeed(new SplittableRandom().nextLong(), Origin.RANDOM, Optional.empty());
        }
        SeedDerivation d = signer.deriveSeed(jarSha256, profile);
        return new RunSeed(
                SeedDerivation.seedOf(Base64.getDecoder().decode(d.signatureBase64())), Origin.DERIVED, Optional.of(d));
    }

    /** @return whether a certificate may rest on this run */
    boolean certifying() {
        return origin == Origin.DERIVED;
    }
}
