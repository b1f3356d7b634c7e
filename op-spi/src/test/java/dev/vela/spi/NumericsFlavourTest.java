package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertificateFormatException;
import dev.vela.spi.admission.CertifiedEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The numerics flavour (D15): its attribute, its parsing, and how certificates record it. */
class NumericsFlavourTest {

    private static Node fc(Attributes attributes) {
        Node.Builder b = Node.builder("Gemm").name("fc1").input(TensorType.of(DataType.INT8, 1, 2));
        attributes.names().forEach(n -> b.attr(n, attributes.getString(n)));
        return b.build();
    }

    @Test
    void aNodeWithoutTheAttributeIsTflmAndTheAttributeSelects() {
        assertThat(NumericsFlavour.of(fc(Attributes.empty()))).isEqualTo(NumericsFlavour.TFLM);
        assertThat(NumericsFlavour.of(fc(Attributes.builder()
                        .put(NumericsFlavour.ATTRIBUTE, "tflite")
                        .build())))
                .isEqualTo(NumericsFlavour.TFLITE);
        assertThat(NumericsFlavour.parse(" TFLite ")).isEqualTo(NumericsFlavour.TFLITE);
    }

    @Test
    void unknownFlavoursAreClearErrors() {
        assertThatThrownBy(() -> NumericsFlavour.parse("tfl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown numerics flavour 'tfl' (known: tflm, tflite)");
        assertThatThrownBy(() -> NumericsFlavour.of(fc(Attributes.builder()
                        .put(NumericsFlavour.ATTRIBUTE, "nnapi")
                        .build())))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("fc1")
                .hasMessageContaining("unknown numerics flavour 'nnapi'");
        Node wrongType = Node.builder("Gemm")
                .name("fc2")
                .input(TensorType.of(DataType.INT8, 1, 2))
                .attr(NumericsFlavour.ATTRIBUTE, 1L)
                .build();
        assertThatThrownBy(() -> NumericsFlavour.of(wrongType))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("fc2")
                .hasMessageContaining("must be a string");
    }

    private static Certificate.Builder certificate() {
        return Certificate.builder()
                .plugin("com.acme", "acme-npu", "1.2.0")
                .jarSha256("ab".repeat(32))
                .providerId("acme-npu")
                .kitVersion("0.1.0")
                .profile("tflite")
                .tolerancePolicy("1")
                .seed(42L)
                .entry(new CertifiedEntry(KernelClaim.parse("Gemm/int8/ANY"), 200, 0.25, 0.31, null))
                .machine("x86_64 2 cores")
                .issuedAt(Instant.parse("2026-12-07T10:00:00Z"));
    }

    @Test
    void certificatesRecordTheFlavourAndTflmKeepsThePayloadOfBefore() {
        Certificate tflm = certificate().build();
        assertThat(tflm.numerics()).isEqualTo(NumericsFlavour.TFLM);
        assertThat(tflm.toJson()).doesNotContain("numerics");
        Certificate tflite = certificate().numerics(NumericsFlavour.TFLITE).build();
        assertThat(tflite.toJson()).contains("\"numerics\":\"tflite\"");
        assertThat(Certificate.parse(tflite.toJson()).numerics()).isEqualTo(NumericsFlavour.TFLITE);
        assertThat(Certificate.parse(tflm.toJson()).numerics()).isEqualTo(NumericsFlavour.TFLM);
        assertThatThrownBy(() -> Certificate.parse(tflite.toJson().replace("\"tflite\"", "\"tflite2\"")))
                .isInstanceOf(CertificateFormatException.class)
                .hasMessageContaining("numerics")
                .hasMessageContaining("tflite2");
    }
}
