package dev.vela.spi.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.KernelClaim;
import dev.vela.spi.SpiVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared admission check: expiry, revocation, the jar bound and the certificate format rules. */
class AdmissionCheckTest {

    private static final Instant ISSUED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-11-20T10:00:00Z");

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

    private Certificate.Builder builder() throws Exception {
        return Certificate.builder()
                .plugin("com.acme", "acme-npu", "1.2.0")
                .jarSha256(CertificateVerifier.sha256Hex(jar))
                .providerId("acme-npu")
                .spiVersion(SpiVersion.CURRENT)
                .kitVersion("0.1.0")
                .profile("default")
                .tolerancePolicy("1")
                .seed(42L)
                .entry(new CertifiedEntry(KernelClaim.parse("Add/int8/ANY"), 150, 0.01, 0.02, null))
                .machine("x86_64 2 cores")
                .issuedAt(ISSUED);
    }

    private Certificate sign(Certificate c) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(authority.getPrivate());
        s.update(c.signedPayload());
        return c.withSignature(new CertificateSignature(
                "Ed25519",
                PublicKeys.keyId(authority.getPublic()),
                Base64.getEncoder().encodeToString(s.sign())));
    }

    private AdmissionCheck check(RevocationList revoked, Instant now) {
        return new AdmissionCheck(
                        TrustStore.of(List.of(authority.getPublic())).withRevocations(revoked), SpiVersion.CURRENT)
                .clock(Clock.fixed(now, ZoneOffset.UTC));
    }

    private AdmissionResult checkAt(Certificate c, Instant now) throws Exception {
        return check(RevocationList.empty(), now).check(JarImage.read(jar, 1 << 20), c);
    }

    @Test
    void expiryIsSignedAndWrittenInFormat2() throws Exception {
        Certificate c = sign(builder().expires(EXPIRES).build());
        assertThat(c.toJson()).contains("\"format\":\"vela-certificate/2\"", "\"expires\":\"2027-11-20T10:00:00Z\"");
        Certificate back = Certificate.parse(c.toJson());
        assertThat(back.expires()).contains(EXPIRES);
        assertThat(back.sha256()).isEqualTo(c.sha256()).matches("[0-9a-f]{64}");
        // moving the date is an edit of the signed content
        Certificate moved = Certificate.parse(c.toJson().replace("2027-11-20", "2099-11-20"));
        assertThat(checkAt(moved, ISSUED).refusal()).contains(RefusalReason.BAD_SIGNATURE);
        assertThat(moved.sha256()).isNotEqualTo(c.sha256());
    }

    @Test
    void aCertificateIsValidUntilItsExpiry() throws Exception {
        Certificate c = sign(builder().expires(EXPIRES).build());
        AdmissionResult before = checkAt(c, EXPIRES.minusSeconds(1));
        assertThat(before.isAccepted()).as(before.message()).isTrue();
        assertThat(before.warnings()).isEmpty();
        assertThat(before.message()).contains("valid until 2027-11-20T10:00:00Z");
        AdmissionResult after = checkAt(c, EXPIRES);
        assertThat(after.refusal()).contains(RefusalReason.EXPIRED);
        assertThat(after.message()).contains("expired on 2027-11-20T10:00:00Z", "issued 2026-11-20T10:00:00Z");
        assertThat(after.toVerification().failure()).isEqualTo(Verification.Failure.EXPIRED);
    }

    @Test
    void aFormat1CertificateNeverExpiresAndSaysSo() throws Exception {
        Certificate c = sign(builder().build());
        assertThat(c.toJson()).contains("\"format\":\"vela-certificate/1\"").doesNotContain("expires");
        AdmissionResult r = checkAt(c, Instant.parse("2999-01-01T00:00:00Z"));
        assertThat(r.isAccepted()).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("no expiry", "never expires");
    }

    @Test
    void theFormatTagAndTheExpiryMustAgree() throws Exception {
        String v1 = sign(builder().build()).toJson();
        assertThatThrownBy(() -> Certificate.parse(v1.replace("vela-certificate/1", "vela-certificate/2")))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("must have the field 'expires'");
        String v2 = sign(builder().expires(EXPIRES).build()).toJson();
        assertThatThrownBy(() -> Certificate.parse(v2.replace("vela-certificate/2", "vela-certificate/1")))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("has no 'expires'");
        assertThatThrownBy(() -> builder().expires(ISSUED).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be after issuedAt");
    }

    @Test
    void revocationByCertificateJarOrKeyRefusesWithTheReason() throws Exception {
        Certificate c = sign(builder().expires(EXPIRES).build());
        String keyId = PublicKeys.keyId(authority.getPublic());
        String jarHash = CertificateVerifier.sha256Hex(jar);
        List<String> lines = List.of(
                "certificate " + c.sha256() + " wrong Add rounding",
                "jar " + jarHash.toUpperCase(java.util.Locale.ROOT) + " debug build leaked",
                "key " + keyId + " key compromised 2026-11-30");
        for (String line : lines) {
            RevocationList list = RevocationList.parse("# authority list\n\n" + line + "   # trailing comment\n", "ca");
            AdmissionResult r = check(list, ISSUED).check(JarImage.read(jar, 1 << 20), c);
            assertThat(r.refusal()).as(line).contains(RefusalReason.REVOKED);
            assertThat(r.message()).contains(line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1), "ca:3");
            assertThat(r.toVerification().failure()).isEqualTo(Verification.Failure.REVOKED);
        }
        // a revoked jar is refused even without a certificate
        AdmissionResult noCert = check(RevocationList.parse(lines.get(1), "ca"), ISSUED)
                .check(JarImage.read(jar, 1 << 20), (Certificate) null);
        assertThat(noCert.refusal()).contains(RefusalReason.REVOKED);
        AdmissionResult other = check(RevocationList.parse("jar " + "0".repeat(64) + " other", "ca"), ISSUED)
                .check(JarImage.read(jar, 1 << 20), c);
        assertThat(other.isAccepted()).isTrue();
    }

    @Test
    void aTrustStoreDirectoryCarriesItsRevocationLists() throws Exception {
        Path store = Files.createDirectories(dir.resolve("trust"));
        Files.writeString(store.resolve("authority.pem"), PublicKeys.toPem(authority.getPublic()));
        Files.writeString(store.resolve("2026.revocations"), "jar " + CertificateVerifier.sha256Hex(jar) + " bad\n");
        TrustStore trust = TrustStore.load(store);
        assertThat(trust.keyIds()).containsExactly(PublicKeys.keyId(authority.getPublic()));
        assertThat(trust.revocations().entries())
                .singleElement()
                .satisfies(e -> assertThat(e.source()).endsWith("2026.revocations:1"));
        Verification v = new CertificateVerifier(trust, SpiVersion.CURRENT)
                .verify(
                        Files.writeString(
                                dir.resolve("c.json"),
                                sign(builder().expires(EXPIRES).build()).toJson()),
                        jar);
        assertThat(v.failure()).isEqualTo(Verification.Failure.REVOKED);
    }

    @Test
    void malformedRevocationEntriesNameTheLine() {
        assertThatThrownBy(() -> RevocationList.parse("jar abc reason", "list.revocations"))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("list.revocations:1")
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> RevocationList.parse("\nkey " + "a".repeat(16), "x"))
                .hasMessageContaining("x:2")
                .hasMessageContaining("<reason>");
        assertThatThrownBy(() -> RevocationList.parse("provider acme because", "x"))
                .hasMessageContaining("unknown kind 'provider'");
    }

    @Test
    void aJarOverTheBoundIsRefusedAndReadingIsOnce() throws Exception {
        AdmissionCheck check = check(RevocationList.empty(), ISSUED).maxJarBytes(5);
        AdmissionResult r = check.check(jar, (Path) null);
        assertThat(r.refusal()).contains(RefusalReason.JAR_TOO_LARGE);
        assertThat(r.message()).contains("plugin.jar", "over the limit of 5 bytes");
        assertThat(check.check(dir.resolve("absent.jar"), (Path) null).refusal())
                .contains(RefusalReason.JAR_UNREADABLE);
        assertThat(check.check(dir, (Path) null).message()).contains("not a regular file");

        JarImage image = JarImage.read(jar, 1 << 20);
        Files.write(jar, "another content".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(image.newInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("pretend this is a jar");
        assertThat(image.sha256()).isNotEqualTo(CertificateVerifier.sha256Hex(jar));
        assertThat(image.bytes().isReadOnly()).isTrue();
    }

    @Test
    void aHugeCertificateFileIsRefusedUnparsed() throws Exception {
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[(int) AdmissionCheck.MAX_CERTIFICATE_BYTES + 1]);
        AdmissionResult r = check(RevocationList.empty(), ISSUED).check(jar, big);
        assertThat(r.refusal()).contains(RefusalReason.MALFORMED_CERTIFICATE);
        assertThat(r.message()).contains("big.json", "not a certificate");
        assertThat(check(RevocationList.empty(), ISSUED).check(jar, (Path) null).refusal())
                .contains(RefusalReason.NO_CERTIFICATE);
    }
}
