package dev.vela.maven;

import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.AdmissionCheck;
import dev.vela.spi.admission.AdmissionResult;
import dev.vela.spi.admission.CertificateFormatException;
import dev.vela.spi.admission.TrustStore;
import dev.vela.spi.admission.Verification;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn vela:verify}: checks a certificate against a jar, the trusted public keys and their revocation list
 * through {@link AdmissionCheck}, the code path the runtime admits plugins with, and fails the build on every
 * refusal, naming it as the runtime and {@code vela verify} do ({@code HASH_MISMATCH}, {@code UNTRUSTED_KEY},
 * {@code EXPIRED}, {@code REVOKED}, {@code SEED_NOT_DERIVED}, ...). By default it also requires the certificate to
 * record how its run's seed was derived ({@code -Dvela.requireDerivedSeed=false} accepts certificates of gates
 * before 1.1).
 */
@Mojo(name = "verify", requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractMojo {

    /** The certificate JSON. */
    @Parameter(
            property = "vela.certificate",
            defaultValue = "${project.build.directory}/vela/${project.artifactId}-${project.version}-vela-cert.json")
    private File certificate;

    /** The jar it certifies. */
    @Parameter(property = "vela.jar", defaultValue = "${project.build.directory}/${project.build.finalName}.jar")
    private File jar;

    /**
     * A public key PEM file, or a directory of {@code *.pem} / {@code *.pub} files (the trusted keys) and
     * {@code *.revocations} files (the revocation list).
     */
    @Parameter(property = "vela.publicKey", required = true)
    private File publicKey;

    /**
     * Refuse a certificate that records no seed derivation (one whose cases someone could have chosen); false
     * accepts certificates of gates before 1.1.
     */
    @Parameter(property = "vela.requireDerivedSeed", defaultValue = "true")
    private boolean requireDerivedSeed;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        AdmissionResult result = check(certificate.toPath(), jar.toPath(), publicKey.toPath(), requireDerivedSeed);
        if (!result.isAccepted()) {
            throw new MojoFailureException("Certificate " + certificate + " REFUSED ("
                    + result.refusal().orElseThrow() + "): " + result.message());
        }
        getLog().info(result.message());
        result.warnings().forEach(getLog()::warn);
        result.certificate()
                .ifPresent(c -> getLog().info("certificate SHA-256 (its id in a revocation list): " + c.sha256()));
    }

    /**
     * @param certificate the certificate file
     * @param jar the jar
     * @param keys a public key file, or a directory of keys and {@code *.revocations} lists
     * @return the outcome of the shared admission check (a certificate without a seed derivation is accepted)
     * @throws MojoExecutionException if the keys cannot be read
     */
    static AdmissionResult check(Path certificate, Path jar, Path keys) throws MojoExecutionException {
        return check(certificate, jar, keys, false);
    }

    /**
     * @param certificate the certificate file
     * @param jar the jar
     * @param keys a public key file, or a directory of keys and {@code *.revocations} lists
     * @param derivedSeedRequired whether a certificate without a seed derivation is refused
     * @return the outcome of the shared admission check
     * @throws MojoExecutionException if the keys cannot be read
     */
    static AdmissionResult check(Path certificate, Path jar, Path keys, boolean derivedSeedRequired)
            throws MojoExecutionException {
        AdmissionCheck check = new AdmissionCheck(trust(keys), SpiVersion.CURRENT);
        return (derivedSeedRequired ? check.requiringDerivedSeed() : check).check(jar, certificate);
    }

    /**
     * @param certificate the certificate file
     * @param jar the jar
     * @param keys a public key file or directory
     * @return the outcome in the 1.0 form
     * @throws MojoExecutionException if the keys cannot be read
     */
    static Verification verify(Path certificate, Path jar, Path keys) throws MojoExecutionException {
        return check(certificate, jar, keys).toVerification();
    }

    /**
     * @param certificate the certificate file
     * @param jar the jar
     * @param keys a public key file or directory
     * @param derivedSeedRequired whether a certificate without a seed derivation is refused
     * @return the outcome in the 1.0 form
     * @throws MojoExecutionException if the keys cannot be read
     */
    static Verification verify(Path certificate, Path jar, Path keys, boolean derivedSeedRequired)
            throws MojoExecutionException {
        return check(certificate, jar, keys, derivedSeedRequired).toVerification();
    }

    private static TrustStore trust(Path keys) throws MojoExecutionException {
        try {
            return TrustStore.load(keys);
        } catch (IOException | CertificateFormatException e) {
            throw new MojoExecutionException("vela:verify: cannot read public key " + keys + ": " + e.getMessage(), e);
        }
    }
}
