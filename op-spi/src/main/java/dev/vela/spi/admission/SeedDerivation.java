package dev.vela.spi.admission;

import dev.vela.spi.API;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Evidence that the seed of a certifying run was derived, not chosen (docs/architecture.md D16). Whoever picks
 * the seed picks the generated cases, and a plugin that fails at most seeds passes at some: so the seed of
 * a run that yields a certificate belongs to the certifying authority, not to the vendor.
 *
 * <p>Scheme {@value #SCHEME}: the authority signs, with the Ed25519 key that signs the certificate,
 * the message {@code "vela-seed-v1\n" + jarSha256 + "\n" + profile} ({@link #message}); Ed25519
 * signatures are deterministic, so the signature is a function of the key, the jar and the profile that
 * only the key's holder can compute. The seed is the first 8 bytes (big-endian) of the SHA-256 of that
 * signature ({@link #seedOf}). The certificate records the signature, and anyone holding the public
 * key checks it ({@link #problemWith}): the seed could not have been shopped for, because neither the
 * vendor (no private key) nor the authority (one jar and profile give exactly one seed) had a choice.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class SeedDerivation {

    /** The only derivation scheme so far. */
    public static final String SCHEME = "vela-seed-v1";

    private final String scheme;
    private final String signatureBase64;

    /**
     * @param scheme the derivation scheme, {@value #SCHEME}
     * @param signatureBase64 the authority's Ed25519 signature of {@link #message}, base64
     */
    public SeedDerivation(String scheme, String signatureBase64) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.signatureBase64 = Objects.requireNonNull(signatureBase64, "signatureBase64");
    }

    /** @return the derivation scheme */
    public String scheme() {
        return scheme;
    }

    /** @return the derivation signature, base64 */
    public String signatureBase64() {
        return signatureBase64;
    }

    /**
     * @param jarSha256 the certified jar's SHA-256, hex
     * @param profile the certification profile's name
     * @return the bytes the authority signs to derive the seed
     */
    public static byte[] message(String jarSha256, String profile) {
        return (SCHEME + "\n" + jarSha256.toLowerCase(Locale.ROOT) + "\n" + profile).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param signature the derivation signature's bytes
     * @return the seed they yield: the first 8 bytes of their SHA-256, big-endian
     */
    public static long seedOf(byte[] signature) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
        long seed = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            seed = (seed << 8) | (digest[i] & 0xFF);
        }
        return seed;
    }

    /**
     * Checks that {@code seed} is the seed this derivation yields for the jar and profile under the key.
     *
     * @param seed the seed the certificate records
     * @param jarSha256 the certificate's jar hash
     * @param profile the certificate's profile
     * @param key the public key that signed the certificate
     * @return empty when the seed was derived; otherwise why not, as a sentence
     */
    public Optional<String> problemWith(long seed, String jarSha256, String profile, PublicKey key) {
        if (!SCHEME.equals(scheme)) {
            return Optional.of("seed derivation scheme '" + scheme + "' is not known (expected " + SCHEME + ")");
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return Optional.of("seed derivation signature is not base64");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(CertificateSignature.ED25519);
            verifier.initVerify(key);
            verifier.update(message(jarSha256, profile));
            valid = verifier.verify(value);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            return Optional.of("seed derivation signature does not verify for jar " + jarSha256 + " and profile '"
                    + profile + "' under the certificate's key");
        }
        long derived = seedOf(value);
        if (derived != seed) {
            return Optional.of("seed " + seed + " is not the derived seed " + derived + ": it was chosen, not derived");
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedDerivation d && d.scheme.equals(scheme) && d.signatureBase64.equals(signatureBase64);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, signatureBase64);
    }

    @Override
    public String toString() {
        return "SeedDerivation(" + scheme + ")";
    }
}
