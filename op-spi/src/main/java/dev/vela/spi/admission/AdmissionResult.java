package dev.vela.spi.admission;

import dev.vela.spi.API;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an {@link AdmissionCheck}: accepted, or refused with one {@link RefusalReason} and a sentence
 * a person can act on; the image of the jar that was checked (so a runtime defines classes from exactly the
 * bytes that were verified) and warnings that do not refuse (a certificate that never expires).
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class AdmissionResult {

    private final RefusalReason refusal;
    private final String message;
    private final JarImage jar;
    private final Certificate certificate;
    private final List<String> warnings;

    private AdmissionResult(
            RefusalReason refusal, String message, JarImage jar, Certificate certificate, List<String> warnings) {
        this.refusal = refusal;
        this.message = Objects.requireNonNull(message, "message");
        this.jar = jar;
        this.certificate = certificate;
        this.warnings = List.copyOf(warnings);
    }

    static AdmissionResult accepted(String message, JarImage jar, Certificate certificate, List<String> warnings) {
        return new AdmissionResult(
                null, message, Objects.requireNonNull(jar), Objects.requireNonNull(certificate), warnings);
    }

    static AdmissionResult refused(RefusalReason reason, String message, JarImage jar, Certificate certificate) {
        return new AdmissionResult(Objects.requireNonNull(reason), message, jar, certificate, List.of());
    }

    /** @return whether the jar may be loaded as certified */
    public boolean isAccepted() {
        return refusal == null;
    }

    /** @return why it was refused; empty when accepted */
    public Optional<RefusalReason> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** @return what was checked, or what failed */
    public String message() {
        return message;
    }

    /** @return the jar's image, when it could be read */
    public Optional<JarImage> jar() {
        return Optional.ofNullable(jar);
    }

    /** @return the certificate, when it could be read */
    public Optional<Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** @return warnings of an accepted check (e.g. a certificate without an expiry) */
    public List<String> warnings() {
        return warnings;
    }

    /** @return this outcome in the 1.0 form of {@link CertificateVerifier} */
    public Verification toVerification() {
        if (refusal == null) {
            return Verification.accepted(message, certificate);
        }
        Verification.Failure failure = switch (refusal) {
            case JAR_UNREADABLE, JAR_TOO_LARGE, HASH_MISMATCH -> Verification.Failure.JAR_MISMATCH;
            case UNSIGNED -> Verification.Failure.UNSIGNED;
            case UNSUPPORTED_ALGORITHM -> Verification.Failure.UNSUPPORTED_ALGORITHM;
            case UNTRUSTED_KEY -> Verification.Failure.UNTRUSTED_KEY;
            case BAD_SIGNATURE -> Verification.Failure.BAD_SIGNATURE;
            case SPI_MAJOR_DIFFERS, SPI_TOO_NEW -> Verification.Failure.SPI_INCOMPATIBLE;
            case EXPIRED -> Verification.Failure.EXPIRED;
            case REVOKED -> Verification.Failure.REVOKED;
            case SEED_NOT_DERIVED -> Verification.Failure.SEED_NOT_DERIVED;
            default -> Verification.Failure.MALFORMED;
        };
        return Verification.refused(failure, message, certificate);
    }

    @Override
    public String toString() {
        return refusal == null ? "ACCEPTED: " + message : "REFUSED (" + refusal + "): " + message;
    }
}
