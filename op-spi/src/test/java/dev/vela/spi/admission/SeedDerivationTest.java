package dev.vela.spi.admission;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The seed of a certificate is checked to be derived from the jar, the profile and the signing key. */
class SeedDerivationTest {

    @TempDir
    Path dir;

    private KeyPair authority;
    private Path jar;
    private String jarSha256;

    @BeforeEach
    void setUp() throws Exception {
        authority = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        jar = dir.resolve("plugin.jar");
        Files.write(jar, "pretend this is a jar".getBytes(StandardCharsets.UTF_8));
        jarSha256 = CertificateVerifier.sha256Hex(jar);
    }

    private static byte[] sign(KeyPair keys, byte[] data) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(data);
        return s.sign();
    }

    /** What the gate does: sign the derivation message, take the seed from the signature. */
    private SeedDerivation derive(KeyPair keys, String sha, String profile) throws Exception {
        return new SeedDerivation(
                SeedDerivation.SCHEME,
                Base64.getEncoder().encodeToString(sign(keys, SeedDerivation.message(sha, profile))));
    }

    private static long seedOf(SeedDerivation d) {
        return SeedDerivation.seedOf(Base64.getDecoder().decode(d.signatureBase64()));
    }

    private Certificate certificate(long seed, SeedDerivation derivation, String profile) throws Exception {
        Certificate c = Certificate.builder()
                .plugin("com.acme", "acme-npu", "1.2.0")
                .jarSha256(jarSha256)
                .providerId("acme-npu")
                .kitVersion("0.1.0")
                .profile(profile)
                .tolerancePolicy("1")
                .seed(seed)
                .seedDerivation(derivation)
                .entry(new CertifiedEntry(KernelClaim.parse("Add/int8/ANY"), 150, 0.01, 0.02, null))
                .machine("x86_64 2 cores")
                .issuedAt(Instant.parse("2026-11-20T10:00:00Z"))
                .build();
        return c.withSignature(new CertificateSignature(
                "Ed25519",
                PublicKeys.keyId(authority.getPublic()),
                Base64.getEncoder().encodeToString(sign(authority, c.signedPayload()))));
    }

    private Verification verify(Certificate c) throws Exception {
        Path file = dir.resolve("cert.json");
        Files.writeString(file, c.toJson());
        return new CertificateVerifier(TrustStore.of(List.of(authority.getPublic())), SpiVersion.CURRENT)
                .verify(file, jar);
    }

    @Test
    void theSeedIsAFunctionOfKeyJarAndProfileOnly() throws Exception {
        SeedDerivation d = derive(authority, jarSha256, "edge-2026");
        assertThat(derive(authority, jarSha256, "edge-2026"))
                .as("Ed25519 is deterministic")
                .isEqualTo(d);
        assertThat(seedOf(derive(authority, jarSha256, "other-profile"))).isNotEqualTo(seedOf(d));
        assertThat(seedOf(derive(authority, "0".repeat(64), "edge-2026"))).isNotEqualTo(seedOf(d));
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(seedOf(derive(other, jarSha256, "edge-2026"))).isNotEqualTo(seedOf(d));
    }

    @Test
    void seedIsTheFirstEightBytesOfTheSignaturesSha256BigEndian() throws Exception {
        byte[] signature = new byte[64];
        // SHA-256 of 64 zero bytes begins f5a5fd42d16a2030
        assertThat(SeedDerivation.seedOf(signature)).isEqualTo(0xf5a5fd42d16a2030L);
        assertThat(new String(SeedDerivation.message("ABCDEF", "p"), StandardCharsets.UTF_8))
                .isEqualTo("vela-seed-v1\nabcdef\np");
    }

    @Test
    void aDerivedSeedVerifiesAndRoundTripsThroughJson() throws Exception {
        SeedDerivation d = derive(authority, jarSha256, "edge-2026");
        Certificate c = certificate(seedOf(d), d, "edge-2026");
        Verification v = verify(c);
        assertThat(v.isAccepted()).as(v.message()).isTrue();
        assertThat(v.message()).contains("seed " + seedOf(d) + " derived");
        assertThat(Certificate.parse(c.toJson()).seedDerivation()).contains(d);
        assertThat(c.toJson()).contains("\"seedDerivation\":{\"scheme\":\"vela-seed-v1\",\"signature\":");
    }

    @Test
    void aChosenSeedIsRefused() throws Exception {
        SeedDerivation d = derive(authority, jarSha256, "edge-2026");
        Verification v = verify(certificate(20261120L, d, "edge-2026"));
        assertThat(v.failure()).isEqualTo(Failure.SEED_NOT_DERIVED);
        assertThat(v.message())
                .contains("seed 20261120 is not the derived seed")
                .contains("chosen, not derived");
    }

    @Test
    void aDerivationForAnotherJarProfileOrKeyIsRefused() throws Exception {
        SeedDerivation otherProfile = derive(authority, jarSha256, "lenient");
        Verification v = verify(certificate(seedOf(otherProfile), otherProfile, "edge-2026"));
        assertThat(v.failure()).isEqualTo(Failure.SEED_NOT_DERIVED);
        assertThat(v.message()).contains("does not verify").contains("edge-2026");

        SeedDerivation otherJar = derive(authority, "1".repeat(64), "edge-2026");
        assertThat(verify(certificate(seedOf(otherJar), otherJar, "edge-2026")).failure())
                .isEqualTo(Failure.SEED_NOT_DERIVED);

        KeyPair vendor = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SeedDerivation vendorKey = derive(vendor, jarSha256, "edge-2026");
        assertThat(verify(certificate(seedOf(vendorKey), vendorKey, "edge-2026"))
                        .failure())
                .isEqualTo(Failure.SEED_NOT_DERIVED);

        SeedDerivation unknownScheme = new SeedDerivation(
                "vela-seed-v0", derive(authority, jarSha256, "edge-2026").signatureBase64());
        Verification u = verify(certificate(seedOf(unknownScheme), unknownScheme, "edge-2026"));
        assertThat(u.failure()).isEqualTo(Failure.SEED_NOT_DERIVED);
        assertThat(u.message()).contains("vela-seed-v0");
    }

    @Test
    void withoutADerivationTheDefaultVerifierAcceptsAndTheStrictOneRefuses() throws Exception {
        Certificate c = certificate(7L, null, "edge-2026");
        assertThat(c.toJson()).doesNotContain("seedDerivation");
        Verification lenient = verify(c);
        assertThat(lenient.isAccepted()).as(lenient.message()).isTrue();
        assertThat(lenient.message()).contains("seed 7 not derived");

        Path file = dir.resolve("old.json");
        Files.writeString(file, c.toJson());
        Verification strict = new CertificateVerifier(TrustStore.of(List.of(authority.getPublic())), SpiVersion.CURRENT)
                .requiringDerivedSeed()
                .verify(file, jar);
        assertThat(strict.failure()).isEqualTo(Failure.SEED_NOT_DERIVED);
        assertThat(strict.message()).contains("no seed derivation");
    }

    @Test
    void anEditedDerivationBreaksTheCertificateSignature() throws Exception {
        SeedDerivation d = derive(authority, jarSha256, "edge-2026");
        String json = certificate(seedOf(d), d, "edge-2026").toJson();
        String edited = json.replace("\"scheme\":\"vela-seed-v1\"", "\"scheme\":\"vela-seed-v2\"");
        Path file = dir.resolve("edited.json");
        Files.writeString(file, edited);
        Verification v = new CertificateVerifier(TrustStore.of(List.of(authority.getPublic())), SpiVersion.CURRENT)
                .verify(file, jar);
        assertThat(v.failure()).isEqualTo(Failure.BAD_SIGNATURE);
    }
}
