package dev.vela.spi.admission;

import dev.vela.spi.API;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link CertificateVerifier#verify}: accepted, or refused with the first reason
 * found.
 *
 * @param failure why it was refused, or {@code null} when accepted
 * @param message a sentence saying what was checked or what failed
 * @param certificate the certificate, when it could be read
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public record Verification(Failure failure, String message, Certificate certificate) {

    /**
     * Why a certificate was refused, in the coarse 1.0 form; tools print {@link RefusalReason}, the one set of
     * names the runtime, {@code vela verify} and {@code vela:verify} share ({@link AdmissionResult}).
     *
     * @since 0.1
     */
    public enum Failure {
        /** The certificate cannot be read. */
        MALFORMED,
        /** It carries no signature. */
        UNSIGNED,
        /** It is signed with an algorithm other than Ed25519. */
        UNSUPPORTED_ALGORITHM,
        /** The signing key is not in the trust store. */
        UNTRUSTED_KEY,
        /** The signature does not match the content: the certificate was edited or forged. */
        BAD_SIGNATURE,
        /** The jar's SHA-256 differs from the certified one: the jar was changed. */
        JAR_MISMATCH,
        /** The certified SPI version is not accepted by this runtime. */
        SPI_INCOMPATIBLE,
        /**
         * The certificate's validity ended.
         *
         * @since 1.1
         */
        @API(status = API.Status.EXPERIMENTAL, since = "1.1")
        EXPIRED,
        /**
         * The jar, the certificate or its signing key is on the trust store's revocation list.
         *
         * @since 1.1
         */
        @API(status = API.Status.EXPERIMENTAL, since = "1.1")
        REVOKED
    }

    /**
     * @param message what was checked
     * @param certificate the verified certificate
     * @return an accepted outcome
     */
    public static Verification accepted(String message, Certificate certificate) {
        return new Verification(null, message, Objects.requireNonNull(certificate));
    }

    /**
     * @param failure why
     * @param message details
     * @param certificate the certificate if it was read, else null
     * @return a refused outcome
     */
    public static Verification refused(Failure failure, String message, Certificate certificate) {
        return new Verification(Objects.requireNonNull(failure), message, certificate);
    }

    /** @return whether the certificate was accepted */
    public boolean isAccepted() {
        return failure == null;
    }

    /** @return the failure, empty when accepted */
    public Optional<Failure> failureKind() {
        return Optional.ofNullable(failure);
    }
}
