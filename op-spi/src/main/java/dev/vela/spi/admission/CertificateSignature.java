package dev.vela.spi.admission;

import dev.vela.spi.API;
import java.util.Objects;

/**
 * A signature over a certificate's {@link Certificate#signedPayload()}.
 *
 * @param algorithm the JCA algorithm, {@code Ed25519}
 * @param keyId {@link PublicKeys#keyId(java.security.PublicKey)} of the signing key
 * @param valueBase64 the signature bytes, base64
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public record CertificateSignature(String algorithm, String keyId, String valueBase64) {

    /** The only algorithm certificates use. */
    public static final String ED25519 = "Ed25519";

    /**
     * @param algorithm algorithm
     * @param keyId key id
     * @param valueBase64 signature
     */
    public CertificateSignature {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(valueBase64, "valueBase64");
    }
}
