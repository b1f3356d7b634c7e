package dev.vela.spi.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.KernelClaim;
import dev.vela.spi.OpId;
import dev.vela.spi.SpiVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertifiedDefinitionTest {

    private static final String HASH = "ab".repeat(32);

    private static Certificate.Builder base() {
        return Certificate.builder()
                .plugin("com.acme", "acme-dsp", "1.0")
                .jarSha256("cd".repeat(32))
                .providerId("acme-dsp")
                .spiVersion(SpiVersion.of(1, 1))
                .kitVersion("0.1.0")
                .profile("default")
                .tolerancePolicy("1")
                .seed(7L)
                .entry(new CertifiedEntry(KernelClaim.parse("com.acme:Scale/float32/ANY"), 100, 0.1, 0.2, null))
                .machine("x86_64")
                .issuedAt(Instant.parse("2026-12-07T00:00:00Z"));
    }

    @Test
    void definitionsTravelThroughTheCertificateAndItsSignedPayload() {
        CertifiedDefinition d = CertifiedDefinition.of(
                OpId.parse("com.acme:Scale"),
                1,
                HASH,
                Map.of("META-INF/vela/cases/com.acme/Scale/a.json", "01".repeat(32)));
        Certificate c = base().definition(d).build();
        Certificate back = Certificate.parse(c.toJson());
        assertThat(back.definitions()).containsExactly(d);
        assertThat(new String(c.signedPayload(), StandardCharsets.UTF_8))
                .contains("\"schemaSha256\":\"" + HASH + "\"")
                .contains("META-INF/vela/cases/com.acme/Scale/a.json");
    }

    @Test
    void aCertificateWithoutDefinitionsKeepsTheOneZeroPayload() {
        String payload = new String(base().build().signedPayload(), StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("definitions");
        assertThat(Certificate.parse(base().build().toJson()).definitions()).isEmpty();
    }

    @Test
    void malformedPinsAreRefused() {
        assertThatThrownBy(() -> CertifiedDefinition.of(OpId.of("x", "Y"), 1, "nothex", Map.of()))
                .hasMessageContaining("64 hex digits");
        String json = base().definition(CertifiedDefinition.of(OpId.of("x", "Y"), 1, HASH, Map.of()))
                .build()
                .toJson()
                .replace(HASH, "zz");
        assertThatThrownBy(() -> Certificate.parse(json))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("schema hash");
    }
}
