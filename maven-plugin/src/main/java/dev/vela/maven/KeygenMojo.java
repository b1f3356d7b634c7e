package dev.vela.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn vela:keygen}: writes an Ed25519 key pair for development: {@code <name>.key.pem}
 * (PKCS#8, private: sign with it via {@code -Dvela.signingKey}) and {@code <name>.pub.pem} (the
 * public key a runtime or {@code vela:verify} trusts). Never overwrites an existing key.
 */
@Mojo(name = "keygen", requiresProject = false, threadSafe = true)
public class KeygenMojo extends AbstractMojo {

    /** Where the key pair is written; outside any project by default so it is never committed. */
    @Parameter(property = "vela.keyDirectory", defaultValue = "${user.home}/.vela/keys")
    private File keyDirectory;

    /** Base name of the two files. */
    @Parameter(property = "vela.keyName", defaultValue = "vela-dev")
    private String keyName;

    @Override
    public void execute() throws MojoExecutionException {
        try {
            Path priv = CertificateSigner.generate(keyDirectory.toPath(), keyName);
            CertificateSigner signer = CertificateSigner.read(priv);
            getLog().info("Ed25519 key pair " + signer.keyId() + " written:");
            getLog().info("  private (sign with -Dvela.signingKey=...): " + priv);
            getLog().info("  public  (trust with -Dvela.publicKey=...): "
                    + keyDirectory.toPath().resolve(keyName + ".pub.pem"));
        } catch (IOException e) {
            throw new MojoExecutionException("vela:keygen: " + e.getMessage(), e);
        }
    }
}
