package dev.vela.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.NumericsFlavour;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * The kit certifies quantized kernels against the numerics flavour the profile names (D15): a fully-connected kernel
 * that always computes TFLite Micro's rounding passes the default profile and is refused by the {@code tflite} one.
 */
class NumericsFlavourCertificationTest {

    /** Ignores the flavour: runs the reference on the node without the flavour attribute (always tflm). */
    private static final class TflmOnlyGemm extends DelegatingFactory {
        private final DelegatingFactory reference = new DelegatingFactory("Gemm", DataType.INT8);

        TflmOnlyGemm() {
            super("Gemm", DataType.INT8);
        }

        @Override
        public Kernel prepare(Node node) {
            return reference.prepare(NodeRewrite.rewrite(
                    node, NodeRewrite.inputTypes(node), b -> b.attributes().remove(NumericsFlavour.ATTRIBUTE)));
        }
    }

    private static CheckResult numerics(TolerancePolicy policy) {
        ConformanceReport report = ConformanceKit.forProvider(TestProvider.of("tflm-only", new TflmOnlyGemm()))
                .withSeed(7L)
                .withTries(200)
                .withPolicy(policy)
                .withChecks(Checks.only("numerics"))
                .run();
        return report.claims().get(0).check("numerics").orElseThrow();
    }

    @Test
    void aTflmKernelPassesTheDefaultProfileAndFailsTheTfliteOne() {
        assertThat(TolerancePolicy.load().numerics()).isEqualTo(NumericsFlavour.TFLM);
        assertThat(TolerancePolicy.load("tflite").numerics()).isEqualTo(NumericsFlavour.TFLITE);
        CheckResult tflm = numerics(TolerancePolicy.load());
        assertThat(tflm.status()).as(tflm.details()).isEqualTo(CheckStatus.PASSED);
        CheckResult tflite = numerics(TolerancePolicy.load("tflite"));
        assertThat(tflite.status()).as(tflite.details()).isEqualTo(CheckStatus.FAILED);
        assertThat(tflite.failure().orElseThrow().toString()).contains(NumericsFlavour.ATTRIBUTE);
    }

    @Test
    void aProfileNamingAnUnknownFlavourIsAClearError() throws Exception {
        TolerancePolicy bad = TolerancePolicy.read(
                new StringReader("version=t\ninteger.maxDiff=0\nfloat32.atol=1e-5\n"
                        + "float32.rtol=1e-4\nprofile.p.numerics=tfl\n"),
                "p");
        assertThatThrownBy(bad::numerics)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("profile 'p'")
                .hasMessageContaining("unknown numerics flavour 'tfl'");
    }
}
