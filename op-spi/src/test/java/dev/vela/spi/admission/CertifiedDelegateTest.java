package dev.vela.spi.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DelegateLimits;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.SpiVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A certificate lists what a delegate is certified for without changing the payload of certificates that list none,
 * and the scope is covered by the signature: the one admission path refuses a certificate whose delegate scope was
 * widened after signing.
 */
class CertifiedDelegateTest {

    private static final Instant ISSUED = Instant.parse("2026-12-07T00:00:00Z");
    private static final byte[] JAR = "pretend this is a jar".getBytes(StandardCharsets.UTF_8);

    private static Certificate.Builder base() {
        return Certificate.builder()
                .plugin("com.acme", "acme-npu", "1.0")
                .jarSha256(JarImage.sha256Hex(JAR))
                .providerId("acme-npu")
                .spiVersion(SpiVersion.CURRENT)
                .kitVersion("0.1.0")
                .profile("default")
                .tolerancePolicy("1")
                .seed(7L)
                .entry(new CertifiedEntry(KernelClaim.parse("Conv/int8/NHWC"), 100, 0.1, 0.2, null))
                .machine("x86_64")
                .issuedAt(ISSUED)
                .expires(ISSUED.plusSeconds(86_400));
    }

    private static CertifiedDelegate npu(String... claims) {
        Set<KernelClaim> set = new java.util.TreeSet<>();
        for (String c : claims) {
            set.add(KernelClaim.parse(c));
        }
        return CertifiedDelegate.of("acme-npu", set, DelegateLimits.of(4, 2), 60);
    }

    @Test
    void theDelegateScopeTravelsThroughTheCertificateAndItsSignedPayload() {
        Certificate c = base().delegate(npu("Conv/int8/NHWC", "Add/int8/ANY")).build();
        Certificate back = Certificate.parse(c.toJson());
        assertThat(back.delegates()).containsExactly(npu("Conv/int8/NHWC", "Add/int8/ANY"));
        assertThat(back.delegateOf("acme-npu")).get().satisfies(d -> {
            assertThat(d.claims()).extracting(Object::toString).containsExactly("Add/int8/ANY", "Conv/int8/NHWC");
            assertThat(d.limits().maxPartitions()).isEqualTo(4);
            assertThat(d.limits().minNodes()).isEqualTo(2);
            assertThat(d.limitsMatch(DelegateLimits.of(4, 2))).isTrue();
            assertThat(d.limitsMatch(DelegateLimits.none())).isFalse();
        });
        assertThat(back.delegateOf("other")).isEmpty();
        assertThat(new String(c.signedPayload(), StandardCharsets.UTF_8))
                .contains("\"delegates\":[{\"provider\":\"acme-npu\",\"claims\":[\"Add/int8/ANY\",\"Conv/int8/NHWC\"]");
        CertifiedDelegate unlimited =
                CertifiedDelegate.of("acme-npu", Set.of(KernelClaim.parse("Add/int8/ANY")), DelegateLimits.none(), 3);
        assertThat(Certificate.parse(base().delegate(unlimited).build().toJson())
                        .delegates())
                .containsExactly(unlimited);
    }

    @Test
    void aCertificateWithoutDelegatesKeepsItsPayloadAndFormat() {
        Certificate plain = base().build();
        String payload = new String(plain.signedPayload(), StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("delegates").contains("\"format\":\"" + Certificate.FORMAT_2 + "\"");
        assertThat(Certificate.parse(plain.toJson()).delegates()).isEmpty();
        assertThat(new String(base().delegate(npu("Add/int8/ANY")).build().signedPayload(), StandardCharsets.UTF_8))
                .contains("\"format\":\"" + Certificate.FORMAT_2 + "\"");
    }

    @Test
    void malformedOrDuplicateDelegatesAreRefused() {
        assertThatThrownBy(() -> CertifiedDelegate.of("acme-npu", Set.of(), DelegateLimits.none(), 1))
                .hasMessageContaining("at least one claim");
        assertThatThrownBy(() -> base().delegate(npu("Add/int8/ANY"))
                        .delegate(npu("Conv/int8/NHWC"))
                        .build())
                .hasMessageContaining("two delegates of provider 'acme-npu'");
        String json = base().delegate(npu("Add/int8/ANY")).build().toJson().replace("\"Add/int8/ANY\"]", "\"Add\"]");
        assertThatThrownBy(() -> Certificate.parse(json))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("op/dtype/layout");
    }

    @Test
    void wideningTheDelegateScopeAfterSigningBreaksTheSignature() throws Exception {
        KeyPair authority = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Certificate c = base().delegate(npu("Add/int8/ANY")).build();
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(authority.getPrivate());
        s.update(c.signedPayload());
        Certificate signed = c.withSignature(new CertificateSignature(
                "Ed25519",
                PublicKeys.keyId(authority.getPublic()),
                Base64.getEncoder().encodeToString(s.sign())));
        AdmissionCheck check = new AdmissionCheck(TrustStore.of(List.of(authority.getPublic())), SpiVersion.CURRENT)
                .clock(Clock.fixed(ISSUED.plusSeconds(60), ZoneOffset.UTC));
        JarImage jar = JarImage.of(Path.of("acme-npu.jar"), JAR);

        AdmissionResult ok = check.check(jar, Certificate.parse(signed.toJson()));
        assertThat(ok.isAccepted()).as(ok.message()).isTrue();
        assertThat(ok.message()).contains("certified delegates of [acme-npu]");

        Certificate widened = Certificate.parse(signed.toJson()
                .replace("\"claims\":[\"Add/int8/ANY\"]", "\"claims\":[\"Add/int8/ANY\",\"Conv/int8/NHWC\"]"));
        assertThat(widened.delegates().get(0).claims()).hasSize(2);
        assertThat(check.check(jar, widened).refusal()).contains(RefusalReason.BAD_SIGNATURE);
    }
}
