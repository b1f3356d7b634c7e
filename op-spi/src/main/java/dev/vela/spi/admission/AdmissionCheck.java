package dev.vela.spi.admission;

import dev.vela.spi.API;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.RevocationList.Kind;
import dev.vela.spi.admission.RevocationList.Revocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one admission code path (docs/architecture.md D10, D16), shared by the runtime, {@code vela verify} and the
 * gate's {@code vela:verify}: read the jar once into memory (bounded), then check, in the order a person
 * debugging a refusal wants, that the jar is not revoked, the certificate is readable, signed with Ed25519 by
 * a trusted key, its signature valid, neither it nor its key revoked, that it certifies exactly these bytes, that
 * it has not expired and that its SPI version is accepted. A certificate that records how its run's seed was
 * derived ({@link SeedDerivation}) is checked against it right after the signature. A runtime defines the plugin's classes from
 * {@link AdmissionResult#jar()}, the bytes that were checked, and runs no plugin code before that.
 *
 * <p>Certificates of format {@link Certificate#FORMAT} (SPI 1.0) carry no expiry: they are accepted with a
 * warning that they never expire.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class AdmissionCheck {

    /** Certificates are small; a larger file is refused before it is parsed. */
    public static final long MAX_CERTIFICATE_BYTES = 4L << 20;

    private final TrustStore trust;
    private final SpiVersion runtimeSpi;
    private final Clock clock;
    private final long maxJarBytes;
    private final boolean derivedSeedRequired;

    /**
     * @param trust the trusted keys and the revocation list
     * @param runtimeSpi the SPI version of the runtime that will load the plugin
     */
    public AdmissionCheck(TrustStore trust, SpiVersion runtimeSpi) {
        this(trust, runtimeSpi, Clock.systemUTC(), JarImage.DEFAULT_MAX_BYTES, false);
    }

    private AdmissionCheck(
            TrustStore trust, SpiVersion runtimeSpi, Clock clock, long maxJarBytes, boolean derivedSeedRequired) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.runtimeSpi = Objects.requireNonNull(runtimeSpi, "runtimeSpi");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxJarBytes < 1) {
            throw new IllegalArgumentException("maxJarBytes must be positive, got " + maxJarBytes);
        }
        this.maxJarBytes = maxJarBytes;
        this.derivedSeedRequired = derivedSeedRequired;
    }

    /**
     * @param value the clock expiry is judged by
     * @return a check using it
     */
    public AdmissionCheck clock(Clock value) {
        return new AdmissionCheck(trust, runtimeSpi, value, maxJarBytes, derivedSeedRequired);
    }

    /**
     * @param value the largest jar accepted, in bytes (default {@link JarImage#DEFAULT_MAX_BYTES})
     * @return a check with that bound
     */
    public AdmissionCheck maxJarBytes(long value) {
        return new AdmissionCheck(trust, runtimeSpi, clock, value, derivedSeedRequired);
    }

    /**
     * A check that also refuses certificates recording no seed derivation ({@link RefusalReason#SEED_NOT_DERIVED}),
     * i.e. every certificate whose cases someone could have chosen; certificates of gates before 1.1 carry none. A
     * certificate that records a derivation is always checked against it.
     *
     * @return a stricter check
     */
    public AdmissionCheck requiringDerivedSeed() {
        return new AdmissionCheck(trust, runtimeSpi, clock, maxJarBytes, true);
    }

    /** @return the largest jar accepted, in bytes */
    public long maxJarBytes() {
        return maxJarBytes;
    }

    /**
     * Reads the jar once and checks it.
     *
     * @param jar the plugin jar
     * @param certificateFile its certificate, or null when none was found
     * @return the outcome, with the jar's image when it could be read
     */
    public AdmissionResult check(Path jar, Path certificateFile) {
        JarImage image;
        try {
            image = JarImage.read(jar, maxJarBytes);
        } catch (JarImage.TooLarge e) {
            return AdmissionResult.refused(RefusalReason.JAR_TOO_LARGE, e.getMessage(), null, null);
        } catch (IOException e) {
            return AdmissionResult.refused(
                    RefusalReason.JAR_UNREADABLE, "cannot read jar " + jar + ": " + e, null, null);
        }
        return check(image, certificateFile);
    }

    /**
     * @param jar the jar's image
     * @param certificateFile its certificate, or null when none was found
     * @return the outcome
     */
    public AdmissionResult check(JarImage jar, Path certificateFile) {
        Optional<AdmissionResult> revoked = jarRevoked(jar);
        if (revoked.isPresent()) {
            return revoked.get();
        }
        if (certificateFile == null) {
            return AdmissionResult.refused(
                    RefusalReason.NO_CERTIFICATE, "no certificate for " + jar.source(), jar, null);
        }
        Certificate certificate;
        try {
            certificate = Certificate.parse(readCertificate(certificateFile));
        } catch (IOException e) {
            return AdmissionResult.refused(
                    RefusalReason.MALFORMED_CERTIFICATE,
                    "cannot read certificate " + certificateFile + ": " + e,
                    jar,
                    null);
        } catch (CertificateFormatException e) {
            return AdmissionResult.refused(
                    RefusalReason.MALFORMED_CERTIFICATE, certificateFile + ": " + e.getMessage(), jar, null);
        }
        return check(jar, certificate);
    }

    private static String readCertificate(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] text = in.readNBytes((int) MAX_CERTIFICATE_BYTES + 1);
            if (text.length > MAX_CERTIFICATE_BYTES) {
                throw new CertificateFormatException(
                        "larger than " + MAX_CERTIFICATE_BYTES + " bytes: not a certificate");
            }
            return new String(text, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param jar the jar's image
     * @param certificate its certificate, or null when there is none
     * @return the outcome
     */
    public AdmissionResult check(JarImage jar, Certificate certificate) {
        Optional<AdmissionResult> revoked = jarRevoked(jar);
        if (revoked.isPresent()) {
            return revoked.get();
        }
        String name = jar.source().getFileName() == null
                ? jar.source().toString()
                : jar.source().getFileName().toString();
        if (certificate == null) {
            return AdmissionResult.refused(RefusalReason.NO_CERTIFICATE, "no certificate for " + name, jar, null);
        }
        Optional<CertificateSignature> sig = certificate.signature();
        if (sig.isEmpty()) {
            return refuse(RefusalReason.UNSIGNED, "certificate for " + name + " is not signed", jar, certificate);
        }
        if (!CertificateSignature.ED25519.equals(sig.get().algorithm())) {
            return refuse(
                    RefusalReason.UNSUPPORTED_ALGORITHM,
                    "certificate is signed with '" + sig.get().algorithm() + "', only Ed25519 is accepted",
                    jar,
                    certificate);
        }
        Optional<PublicKey> key = trust.key(sig.get().keyId());
        if (key.isEmpty()) {
            return refuse(
                    RefusalReason.UNTRUSTED_KEY,
                    "certificate is signed by key " + sig.get().keyId() + ", which is not in the trust store (trusted: "
                            + trust.keyIds() + ")",
                    jar,
                    certificate);
        }
        if (!signatureMatches(certificate, sig.get(), key.get())) {
            return refuse(
                    RefusalReason.BAD_SIGNATURE,
                    "certificate signature does not match its content: "
                            + "the certificate was edited after signing or signed with another key",
                    jar,
                    certificate);
        }
        Optional<SeedDerivation> derivation = certificate.seedDerivation();
        if (derivation.isEmpty() && derivedSeedRequired) {
            return refuse(
                    RefusalReason.SEED_NOT_DERIVED,
                    "certificate records seed " + certificate.seed()
                            + " but no seed derivation: its seed may have been chosen (re-certify with a 1.1 gate)",
                    jar,
                    certificate);
        }
        if (derivation.isPresent()) {
            Optional<String> problem = derivation
                    .get()
                    .problemWith(certificate.seed(), certificate.jarSha256(), certificate.profile(), key.get());
            if (problem.isPresent()) {
                return refuse(RefusalReason.SEED_NOT_DERIVED, problem.get(), jar, certificate);
            }
        }
        Optional<Revocation> withdrawn = trust.revocations()
                .find(Kind.KEY, sig.get().keyId())
                .or(() -> trust.revocations().find(Kind.CERTIFICATE, certificate.sha256()));
        if (withdrawn.isPresent()) {
            return refuse(RefusalReason.REVOKED, withdrawn.get().describe(), jar, certificate);
        }
        if (!jar.sha256().equals(certificate.jarSha256())) {
            return refuse(
                    RefusalReason.HASH_MISMATCH,
                    "jar " + name + " has SHA-256 " + jar.sha256()
                            + " but the certificate is for " + certificate.jarSha256()
                            + ": the jar was changed after certification",
                    jar,
                    certificate);
        }
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        if (certificate.expires().isEmpty()) {
            warnings.add("certificate for " + name + " has no expiry (format " + Certificate.FORMAT + ", issued "
                    + certificate.issuedAt() + "): it never expires; re-certify to get one");
        } else if (!now.isBefore(certificate.expires().get())) {
            return refuse(
                    RefusalReason.EXPIRED,
                    "certificate for " + name + " expired on "
                            + certificate.expires().get() + " (issued " + certificate.issuedAt()
                            + "); the jar must be certified again",
                    jar,
                    certificate);
        }
        Optional<String> spi = runtimeSpi.incompatibilityWith(certificate.spiVersion());
        if (spi.isPresent()) {
            RefusalReason reason = certificate.spiVersion().major() == runtimeSpi.major()
                    ? RefusalReason.SPI_TOO_NEW
                    : RefusalReason.SPI_MAJOR_DIFFERS;
            return refuse(reason, spi.get(), jar, certificate);
        }
        return AdmissionResult.accepted(
                "certificate verified: signed by trusted key " + sig.get().keyId()
                        + ", jar SHA-256 " + jar.sha256() + ", SPI " + certificate.spiVersion() + ", "
                        + certificate.entries().size() + " certified entries"
                        + (certificate.delegates().isEmpty()
                                ? ""
                                : ", certified delegates of "
                                        + certificate.delegates().stream()
                                                .map(CertifiedDelegate::providerId)
                                                .toList())
                        + ", seed " + certificate.seed()
                        + (derivation.isPresent() ? " derived" : " not derived") + ", "
                        + certificate.expires().map(e -> "valid until " + e).orElse("no expiry"),
                jar,
                certificate,
                warnings);
    }

    private Optional<AdmissionResult> jarRevoked(JarImage jar) {
        return trust.revocations()
                .find(Kind.JAR, jar.sha256())
                .map(r -> AdmissionResult.refused(RefusalReason.REVOKED, r.describe(), jar, null));
    }

    private static AdmissionResult refuse(RefusalReason reason, String message, JarImage jar, Certificate certificate) {
        return AdmissionResult.refused(reason, message, jar, certificate);
    }

    private static boolean signatureMatches(Certificate certificate, CertificateSignature sig, PublicKey key) {
        try {
            byte[] value = Base64.getDecoder().decode(sig.valueBase64());
            Signature verifier = Signature.getInstance(CertificateSignature.ED25519);
            verifier.initVerify(key);
            verifier.update(certificate.signedPayload());
            return verifier.verify(value);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
