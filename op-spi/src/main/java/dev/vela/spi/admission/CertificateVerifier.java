package dev.vela.spi.admission;

import dev.vela.spi.API;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.Verification.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Checks a certificate against a jar and a trust store, in the order a person debugging a refusal
 * wants: readable, signed with Ed25519 by a trusted key, signature valid, jar unchanged, SPI
 * version accepted (since 1.1 also: seed derived where the certificate records how, or always with
 * {@link #requiringDerivedSeed()}; not revoked; not expired). The 1.0 entry point of
 * {@link AdmissionCheck}, which the runtime, {@code vela verify} and {@code vela:verify} share.
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
     * A verifier that also refuses certificates recording no seed derivation
     * ({@link Verification.Failure#SEED_NOT_DERIVED}), i.e. every certificate whose cases someone could have chosen.
     * Certificates of gates before 1.1 carry none; this verifier refuses them.
     *
     * @return a stricter copy of this verifier
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public CertificateVerifier requiringDerivedSeed() {
        return new CertificateVerifier(trustStore, runtimeSpi, true);
    }

    /**
     * Reads the jar once and checks it through {@link AdmissionCheck}, the one admission code path.
     *
     * @param certificateFile the certificate JSON
     * @param jar the plugin jar it certifies
     * @return the outcome
     */
    public Verification verify(Path certificateFile, Path jar) {
        return check().check(jar, certificateFile).toVerification();
    }

    /**
     * @param certificate the certificate
     * @param jar the plugin jar it certifies
     * @return the outcome
     */
    public Verification verify(Certificate certificate, Path jar) {
        AdmissionCheck check = check();
        JarImage image;
        try {
            image = JarImage.read(jar, check.maxJarBytes());
        } catch (IOException e) {
            return Verification.refused(
                    Failure.JAR_MISMATCH, "cannot read jar " + jar + ": " + e.getMessage(), certificate);
        }
        return check.check(image, certificate).toVerification();
    }

    private AdmissionCheck check() {
        AdmissionCheck check = new AdmissionCheck(trustStore, runtimeSpi);
        return derivedSeedRequired ? check.requiringDerivedSeed() : check;
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
