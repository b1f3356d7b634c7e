package dev.vela.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.OpId;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertificateVerifier;
import dev.vela.spi.admission.CertifiedEntry;
import dev.vela.spi.admission.PublicKeys;
import dev.vela.spi.admission.Verification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and the three tamperings the gate must catch: the jar, the certificate, the key. */
class CertificateTamperingTest {

    @TempDir
    Path dir;

    private Path jar;
    private Path cert;
    private Path publicKey;
    private CertificateSigner signer;

    @BeforeEach
    void certify() throws IOException {
        Path priv = CertificateSigner.generate(dir.resolve("keys"), "dev");
        publicKey = dir.resolve("keys/dev.pub.pem");
        signer = CertificateSigner.read(priv);
        jar = dir.resolve("plugin.jar");
        Files.write(jar, "PK pretend jar content".getBytes(StandardCharsets.US_ASCII));
        String sha = CertificateVerifier.sha256Hex(jar);
        RunSeed seed = RunSeed.of(null, signer, sha, "edge");
        Files.writeString(
                cert(),
                signer.sign(certificate(sha, seed.seed())
                                .seedDerivation(seed.derivation().orElseThrow())
                                .build())
                        .toJson(),
                StandardCharsets.UTF_8);
    }

    private Path cert() {
        cert = dir.resolve("acme-npu-1.2.0-vela-cert.json");
        return cert;
    }

    private static Certificate.Builder certificate(String jarSha256, long seed) {
        return Certificate.builder()
                .plugin("com.acme", "acme-npu", "1.2.0")
                .jarSha256(jarSha256)
                .providerId("acme-npu")
                .spiVersion(SpiVersion.CURRENT)
                .kitVersion("0.1.0")
                .profile("edge")
                .tolerancePolicy("2026.11-1/default")
                .seed(seed)
                .machine("test machine")
                .issuedAt(Instant.parse("2026-11-20T12:00:00Z"))
                .entry(new CertifiedEntry(KernelClaim.of(OpId.of("Relu"), DataType.FLOAT32), 150, 0.01, 0.02, 1.0));
    }

    @Test
    void aCertificateWithoutSeedDerivationIsRefusedByVelaVerifyUnlessOldCertificatesAreAllowed() throws Exception {
        Files.writeString(
                cert,
                signer.sign(certificate(CertificateVerifier.sha256Hex(jar), 42).build())
                        .toJson(),
                StandardCharsets.UTF_8);

        Verification strict = VerifyMojo.verify(cert, jar, publicKey, true);
        assertThat(strict.failure()).isEqualTo(Verification.Failure.SEED_NOT_DERIVED);
        assertThat(strict.message()).contains("seed 42").contains("no seed derivation");
        assertThat(VerifyMojo.verify(cert, jar, publicKey, false).isAccepted()).isTrue();
    }

    @Test
    void aChosenSeedUnderADerivationIsRefused() throws Exception {
        String sha = CertificateVerifier.sha256Hex(jar);
        RunSeed derived = RunSeed.of(null, signer, sha, "edge");
        Files.writeString(
                cert,
                signer.sign(certificate(sha, 20261120L)
                                .seedDerivation(derived.derivation().orElseThrow())
                                .build())
                        .toJson(),
                StandardCharsets.UTF_8);

        Verification v = VerifyMojo.verify(cert, jar, publicKey, true);
        assertThat(v.failure()).isEqualTo(Verification.Failure.SEED_NOT_DERIVED);
        assertThat(v.message()).contains("chosen, not derived");
    }

    @Test
    void anUntouchedCertificateVerifies() throws Exception {
        Verification v = VerifyMojo.verify(cert, jar, publicKey, true);

        assertThat(v.isAccepted()).as(v.message()).isTrue();
        assertThat(v.message()).contains("signed by trusted key " + signer.keyId());
        assertThat(v.certificate().claims()).containsExactly(KernelClaim.of(OpId.of("Relu"), DataType.FLOAT32));
    }

    @Test
    void theSignerKeyIdIsThatOfTheWrittenPublicKey() throws Exception {
        assertThat(signer.keyId())
                .isEqualTo(PublicKeys.keyId(PublicKeys.read(publicKey).get(0)));
    }

    @Test
    void aFlippedByteInTheJarIsReportedAsAChangedJar() throws Exception {
        byte[] bytes = Files.readAllBytes(jar);
        bytes[5] ^= 0x01;
        Files.write(jar, bytes);

        Verification v = VerifyMojo.verify(cert, jar, publicKey, true);

        assertThat(v.failure()).isEqualTo(Verification.Failure.JAR_MISMATCH); // the 1.0 name of HASH_MISMATCH
        assertThat(v.message()).contains("the jar was changed after certification");
    }

    @Test
    void anEditedCertificateIsReportedAsABadSignature() throws Exception {
        String json = Files.readString(cert);
        assertThat(json).contains("\"cases\":150");
        Files.writeString(cert, json.replace("\"cases\":150", "\"cases\":151"));

        Verification v = VerifyMojo.verify(cert, jar, publicKey, true);

        assertThat(v.failure()).isEqualTo(Verification.Failure.BAD_SIGNATURE);
        assertThat(v.message()).contains("edited after signing");
    }

    @Test
    void anAddedEntryIsReportedAsABadSignature() throws Exception {
        String json = Files.readString(cert);
        Files.writeString(cert, json.replace("\"claim\":\"Relu/float32/ANY\"", "\"claim\":\"Relu/float16/ANY\""));

        assertThat(VerifyMojo.verify(cert, jar, publicKey, true).failure())
                .isEqualTo(Verification.Failure.BAD_SIGNATURE);
    }

    @Test
    void theWrongPublicKeyIsReportedAsAnUntrustedKey() throws Exception {
        CertificateSigner.generate(dir.resolve("other"), "other");

        Verification v = VerifyMojo.verify(cert, jar, dir.resolve("other/other.pub.pem"), true);

        assertThat(v.failure()).isEqualTo(Verification.Failure.UNTRUSTED_KEY);
        assertThat(v.message()).contains("not in the trust store").contains(signer.keyId());
    }

    @Test
    void keygenNeverOverwritesAKey() {
        assertThatThrownBy(() -> CertificateSigner.generate(dir.resolve("keys"), "dev"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to overwrite");
    }

    @Test
    void aFileThatIsNotAPrivateKeyIsRefusedClearly() throws Exception {
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "hello");
        assertThatThrownBy(() -> CertificateSigner.read(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PKCS#8 PEM private key");
        Files.writeString(bad, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CertificateSigner.read(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an Ed25519 private key");
    }

    @Test
    void aPublicKeyWhereThePrivateKeyBelongsIsRefused() {
        assertThatThrownBy(() -> CertificateSigner.read(publicKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PKCS#8 PEM private key");
    }
}
