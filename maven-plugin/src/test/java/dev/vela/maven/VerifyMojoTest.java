package dev.vela.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.OpId;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertificateVerifier;
import dev.vela.spi.admission.CertifiedEntry;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code vela:verify} goal itself: it fails the build on every refusal of the shared admission check, naming it
 * as the runtime and {@code vela verify} do, and honours the revocation list of a trust store directory.
 */
class VerifyMojoTest {

    @TempDir
    Path dir;

    private Path jar;
    private Path keys;
    private CertificateSigner signer;
    private Certificate unsigned;

    @BeforeEach
    void certify() throws Exception {
        keys = dir.resolve("keys");
        signer = CertificateSigner.read(CertificateSigner.generate(keys, "authority"));
        Files.delete(keys.resolve("authority.key.pem")); // the trust store directory holds public keys only
        jar = dir.resolve("plugin.jar");
        Files.write(jar, "PK pretend jar content".getBytes(StandardCharsets.US_ASCII));
        unsigned = Certificate.builder()
                .plugin("com.acme", "acme-npu", "1.2.0")
                .jarSha256(CertificateVerifier.sha256Hex(jar))
                .providerId("acme-npu")
                .spiVersion(SpiVersion.CURRENT)
                .kitVersion("0.1.0")
                .profile("edge")
                .tolerancePolicy("p")
                .seed(42)
                .machine("m")
                .issuedAt(Instant.parse("2026-11-20T12:00:00Z"))
                .expires(Instant.parse("2126-11-20T12:00:00Z"))
                .entry(new CertifiedEntry(KernelClaim.of(OpId.of("Relu"), DataType.FLOAT32), 150, 0.01, 0.02, 1.0))
                .build();
    }

    private Path write(Certificate c) throws Exception {
        Path file = dir.resolve("acme-npu-1.2.0-vela-cert.json");
        Files.writeString(file, c.toJson());
        return file;
    }

    private void execute(Path certificate, Path trusted) throws Exception {
        VerifyMojo mojo = new VerifyMojo();
        set(mojo, "certificate", certificate.toFile());
        set(mojo, "jar", jar.toFile());
        set(mojo, "publicKey", trusted.toFile());
        mojo.execute();
    }

    private static void set(Object target, String field, File value) throws Exception {
        var f = VerifyMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Test
    void aValidCertificatePasses() throws Exception {
        execute(write(signer.sign(unsigned)), keys);
    }

    @Test
    void everyRefusalFailsTheBuildWithTheSharedName() throws Exception {
        Path good = write(signer.sign(unsigned));
        CertificateSigner.generate(dir.resolve("other"), "other");
        Files.delete(dir.resolve("other/other.key.pem"));
        assertThatThrownBy(() -> execute(good, dir.resolve("other")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("REFUSED (UNTRUSTED_KEY)");

        Files.write(jar, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> execute(good, keys))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("REFUSED (HASH_MISMATCH)")
                .hasMessageContaining("changed after certification");
        Files.write(jar, "PK pretend jar content".getBytes(StandardCharsets.US_ASCII));

        Path expired = write(signer.sign(Certificate.parse(unsigned.toJson().replace("2126-11-20", "2026-11-21"))));
        assertThatThrownBy(() -> execute(expired, keys))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("REFUSED (EXPIRED)")
                .hasMessageContaining("expired on 2026-11-21T12:00:00Z");

        Path revoked = write(signer.sign(unsigned));
        Files.writeString(keys.resolve("withdrawn.revocations"), "key " + signer.keyId() + " key leaked\n");
        assertThatThrownBy(() -> execute(revoked, keys))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("REFUSED (REVOKED)")
                .hasMessageContaining("key leaked");
        Files.delete(keys.resolve("withdrawn.revocations"));

        Path unsignedFile = write(unsigned);
        assertThatThrownBy(() -> execute(unsignedFile, keys))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("REFUSED (UNSIGNED)");
        Files.writeString(unsignedFile, "{");
        assertThatThrownBy(() -> execute(unsignedFile, keys))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("REFUSED (MALFORMED_CERTIFICATE)");
    }
}
