package dev.vela.maven;

import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.CertificateFormatException;
import dev.vela.spi.admission.CertificateVerifier;
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
 * {@code mvn vela:verify}: checks a certificate against a jar and trusted public keys with the same
 * {@link CertificateVerifier} the runtime uses, and fails saying which check refused it (bad
 * signature, untrusted key, jar changed, SPI version, malformed, seed not derived).
 */
@Mojo(name = "verify", requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractMojo {

    /** The certificate JSON. */
    @Parameter(property = "vela.certificate",
            defaultValue = "${project.build.directory}/vela/${project.artifactId}-${project.version}-vela-cert.json")
    private File certificate;

    /** The jar it certifies. */
    @Parameter(property = "vela.jar", defaultValue = "${project.build.directory}/${project.build.finalName}.jar")
    private File jar;

    /** A public key PEM file, or a directory of {@code *.pem} / {@code *.pub} files: the trusted keys. */
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
        Verification v = verify(certificate.toPath(), jar.toPath(), publicKey.toPath(), requireDerivedSeed);
        if (!v.isAccepted()) {
            throw new MojoFailureException("Certificate " + certificate + " REFUSED [" + v.failure() + "]: " + v.message());
        }
        getLog().info(v.message());
    }

    /**
     * @param certificate the certificate file
     * @param jar the jar
     * @param keys a public key file or directory
     * @param derivedSeedRequired whether a certificate without a seed derivation is refused
     * @return the verifier's outcome
     * @throws MojoExecutionException if the keys cannot be read
     */
    static Verification verify(Path certificate, Path jar, Path keys, boolean derivedSeedRequired)
            throws MojoExecutionException {
        TrustStore trust;
        try {
            trust = TrustStore.load(keys);
        } catch (IOException | CertificateFormatException e) {
            throw new MojoExecutionException("vela:verify: cannot read public key " + keys + ": " + e.getMessage(), e);
        }
        CertificateVerifier verifier = new CertificateVerifier(trust, SpiVersion.CURRENT);
        return (derivedSeedRequired ? verifier.requiringDerivedSeed() : verifier).verify(certificate, jar);
    }
}
