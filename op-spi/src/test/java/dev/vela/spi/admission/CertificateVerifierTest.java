package dev.vela.spi.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.KernelClaim;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.Verification.Failure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateVerifierTest {

    @TempDir
    Path dir;

    private KeyPair authority;
    private Path jar;

    @BeforeEach
    void setUp() throws Exception {
        authority = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        jar = dir.resolve("plugin.jar");
        Files.write(jar, "pretend this is a jar".getBytes(StandardCharsets.UTF_8));
    }

    private Certificate unsigned(SpiVersion spi) throws Exception {
        return Certificate.builder()
                .plugin("com.acme", "acme-npu", "1.2.0")
                .jarSha256(CertificateVerifier.sha256Hex(jar))
                .providerId("acme-npu")
                .spiVersion(spi)
                .kitVersion("0.1.0")
                .profile("default")
                .tolerancePolicy("1")
                .seed(42L)
                .entry(new CertifiedEntry(KernelClaim.parse("Conv/int8/NHWC"), 200, 0.25, 0.31, 2.0))
                .entry(new CertifiedEntry(KernelClaim.parse("Add/int8/ANY"), 150, 0.01, 0.02, null))
                .machine("x86_64 2 cores")
                .issuedAt(Instant.parse("2026-11-20T10:00:00Z"))
                .build();
    }

    private Certificate sign(Certificate c, KeyPair keys) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(c.signedPayload());
        return c.withSignature(new CertificateSignature(
                "Ed25519",
                PublicKeys.keyId(keys.getPublic()),
                Base64.getEncoder().encodeToString(s.sign())));
    }

    private CertificateVerifier verifier() {
        return new CertificateVerifier(TrustStore.of(List.of(authority.getPublic())), SpiVersion.CURRENT);
    }

    private Path write(Certificate c) throws Exception {
        Path file = dir.resolve("plugin.vela-cert.json");
        Files.writeString(file, c.toJson());
        return file;
    }

    @Test
    void acceptsASignedCertificateForTheSameJar() throws Exception {
        Verification v = verifier().verify(write(sign(unsigned(SpiVersion.CURRENT), authority)), jar);
        assertThat(v.isAccepted()).as(v.message()).isTrue();
        assertThat(v.certificate().claims())
                .extracting(KernelClaim::toString)
                .containsExactly("Add/int8/ANY", "Conv/int8/NHWC");
        assertThat(v.message()).contains("2 certified entries");
    }

    @Test
    void jsonRoundTripsExactly() throws Exception {
        Certificate signed = sign(unsigned(SpiVersion.CURRENT), authority);
        Certificate back = Certificate.parse(signed.toJson());
        assertThat(back.toJson()).isEqualTo(signed.toJson());
        assertThat(back.entries().get(1).budgetMs()).isNull();
        assertThat(back.seed()).isEqualTo(42L);
    }

    @Test
    void aFlippedByteInTheJarIsAJarMismatch() throws Exception {
        Path cert = write(sign(unsigned(SpiVersion.CURRENT), authority));
        byte[] bytes = Files.readAllBytes(jar);
        bytes[3] ^= 1;
        Files.write(jar, bytes);
        Verification v = verifier().verify(cert, jar);
        assertThat(v.failure()).isEqualTo(Failure.JAR_MISMATCH);
        assertThat(v.message()).contains("jar was changed");
    }

    @Test
    void anEditedCertificateIsABadSignature() throws Exception {
        Path cert = write(sign(unsigned(SpiVersion.CURRENT), authority));
        Files.writeString(cert, Files.readString(cert).replace("Add/int8/ANY", "Add/int16/ANY"));
        Verification v = verifier().verify(cert, jar);
        assertThat(v.failure()).isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(v.message()).contains("edited after signing");
    }

    @Test
    void aCertificateFromAnotherKeyIsUntrusted() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Verification v = verifier().verify(write(sign(unsigned(SpiVersion.CURRENT), other)), jar);
        assertThat(v.failure()).isEqualTo(Failure.UNTRUSTED_KEY);
        assertThat(v.message()).contains(PublicKeys.keyId(other.getPublic())).contains("not in the trust store");
    }

    @Test
    void aSignatureByAnotherKeyClaimingATrustedIdIsABadSignature() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Certificate forged = sign(unsigned(SpiVersion.CURRENT), other);
        CertificateSignature s = forged.signature().orElseThrow();
        Certificate claimed = forged.withSignature(
                new CertificateSignature("Ed25519", PublicKeys.keyId(authority.getPublic()), s.valueBase64()));
        assertThat(verifier().verify(claimed, jar).failure()).isEqualTo(Failure.BAD_SIGNATURE);
    }

    @Test
    void unsignedAndOtherAlgorithmsAreRefused() throws Exception {
        assertThat(verifier().verify(unsigned(SpiVersion.CURRENT), jar).failure())
                .isEqualTo(Failure.UNSIGNED);
        Certificate rsa = unsigned(SpiVersion.CURRENT).withSignature(new CertificateSignature("RSA", "x", "AAAA"));
        assertThat(verifier().verify(rsa, jar).failure()).isEqualTo(Failure.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void anotherSpiMajorIsRefused() throws Exception {
        Verification v = verifier().verify(sign(unsigned(SpiVersion.of(2, 0)), authority), jar);
        assertThat(v.failure()).isEqualTo(Failure.SPI_INCOMPATIBLE);
        assertThat(v.message()).contains("major versions differ");
    }

    @Test
    void malformedCertificatesSayWhatIsWrong() throws Exception {
        Path cert = dir.resolve("bad.json");
        Files.writeString(cert, "{\"format\":\"vela-certificate/1\",");
        Verification v = verifier().verify(cert, jar);
        assertThat(v.failure()).isEqualTo(Failure.MALFORMED);
        assertThat(v.message()).contains("bad.json").contains("offset");
        assertThatThrownBy(() -> Certificate.parse("{\"format\":\"vela-certificate/9\"}"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("vela-certificate/9");
        assertThatThrownBy(() -> Certificate.parse("[".repeat(100)))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void trustStoreLoadsPemFilesFromADirectory() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("trust"));
        Files.writeString(keys.resolve("authority.pem"), PublicKeys.toPem(authority.getPublic()));
        Files.writeString(keys.resolve("notes.txt"), "ignored");
        TrustStore store = TrustStore.load(keys);
        assertThat(store.keyIds()).containsExactly(PublicKeys.keyId(authority.getPublic()));
        assertThatThrownBy(() -> PublicKeys.parsePem("nothing here", "k.pem")).hasMessageContaining("k.pem");
    }
}
