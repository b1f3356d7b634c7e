package dev.vela.spi.admission;

import dev.vela.spi.API;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.Verification.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks a certificate against a jar and a trust store, in the order a person debugging a refusal
 * wants: readable, signed with Ed25519 by a trusted key, signature valid, seed derived (when the certificate
 * records a {@link SeedDerivation}, or always with {@link #requiringDerivedSeed()}), jar unchanged, SPI
 * version accepted. The runtime, the gate and third-party tools all verify through this class.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class CertificateVerifier {

    private final TrustStore trustStore;
    private final SpiVersion runtimeSpi;
    private final boolean derivedSeedRequired;

    /**
     * @param trustStore the keys whose signatures are accepted
     * @param runtimeSpi the SPI version of the runtime that will load the plugin
     */
    public CertificateVerifier(TrustStore trustStore, SpiVersion runtimeSpi) {
        this(trustStore, runtimeSpi, false);
    }

    private CertificateVerifier(TrustStore trustStore, SpiVersion runtimeSpi, boolean derivedSeedRequired) {
        this.trustStore = trustStore;
        this.runtimeSpi = runtimeSpi;
        this.derivedSeedRequired = derivedSeedRequired;
    }

    /**
     * A verifier that also refuses certificates recording no seed derivation ({@link Verification.Failure#SEED_NOT_DERIVED}),
     * i.e. every certificate whose cases someone could have chosen. Certificates of gates before 1.1 carry none;
     * this verifier refuses them.
     *
     * @return a stricter copy of this verifier
     * @since 1.1
     */
    public CertificateVerifier requiringDerivedSeed() {
        return new CertificateVerifier(trustStore, runtimeSpi, true);
    }

    /**
     * @param certificateFile the certificate JSON
     * @param jar the plugin jar it certifies
     * @return the outcome
     */
    public Verification verify(Path certificateFile, Path jar) {
        Certificate certificate;
        try {
            certificate = Certificate.parse(Files.readString(certificateFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Verification.refused(Failure.MALFORMED, "cannot read certificate " + certificateFile + ": " + e, null);
        } catch (CertificateFormatException e) {
            return Verification.refused(Failure.MALFORMED, certificateFile + ": " + e.getMessage(), null);
        }
        return verify(certificate, jar);
    }

    /**
     * @param certificate the certificate
     * @param jar the plugin jar it certifies
     * @return the outcome
     */
    public Verification verify(Certificate certificate, Path jar) {
        Optional<CertificateSignature> sig = certificate.signature();
        if (sig.isEmpty()) {
            return Verification.refused(Failure.UNSIGNED, "certificate for " + jar.getFileName() + " is not signed", certificate);
        }
        if (!CertificateSignature.ED25519.equals(sig.get().algorithm())) {
            return Verification.refused(Failure.UNSUPPORTED_ALGORITHM, "certificate is signed with '" + sig.get().algorithm()
                    + "', only Ed25519 is accepted", certificate);
        }
        Optional<PublicKey> key = trustStore.key(sig.get().keyId());
        if (key.isEmpty()) {
            return Verification.refused(Failure.UNTRUSTED_KEY, "certificate is signed by key " + sig.get().keyId()
                    + ", which is not in the trust store (trusted: " + trustStore.keyIds() + ")", certificate);
        }
        if (!signatureMatches(certificate, sig.get(), key.get())) {
            return Verification.refused(Failure.BAD_SIGNATURE, "certificate signature does not match its content: "
                    + "the certificate was edited after signing or signed with another key", certificate);
        }
        Optional<SeedDerivation> derivation = certificate.seedDerivation();
        if (derivation.isEmpty() && derivedSeedRequired) {
            return Verification.refused(Failure.SEED_NOT_DERIVED, "certificate records seed " + certificate.seed()
                    + " but no seed derivation: its seed may have been chosen (re-certify with a 1.1 gate)", certificate);
        }
        if (derivation.isPresent()) {
            Optional<String> problem = derivation.get().problemWith(certificate.seed(), certificate.jarSha256(),
                    certificate.profile(), key.get());
            if (problem.isPresent()) {
                return Verification.refused(Failure.SEED_NOT_DERIVED, problem.get(), certificate);
            }
        }
        String actual;
        try {
            actual = sha256Hex(jar);
        } catch (IOException e) {
            return Verification.refused(Failure.JAR_MISMATCH, "cannot read jar " + jar + ": " + e, certificate);
        }
        if (!actual.equals(certificate.jarSha256())) {
            return Verification.refused(Failure.JAR_MISMATCH, "jar " + jar.getFileName() + " has SHA-256 " + actual
                    + " but the certificate is for " + certificate.jarSha256() + ": the jar was changed after certification",
                    certificate);
        }
        Optional<String> spi = runtimeSpi.incompatibilityWith(certificate.spiVersion());
        if (spi.isPresent()) {
            return Verification.refused(Failure.SPI_INCOMPATIBLE, spi.get(), certificate);
        }
        return Verification.accepted("certificate verified: signed by trusted key " + sig.get().keyId() + ", jar SHA-256 "
                + actual + ", SPI " + certificate.spiVersion() + ", " + certificate.entries().size() + " certified entries, seed "
                + certificate.seed() + (derivation.isPresent() ? " derived" : " not derived"),
                certificate);
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

    /**
     * @param file a file
     * @return its SHA-256, lower-case hex
     * @throws IOException if it cannot be read
     */
    public static String sha256Hex(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
