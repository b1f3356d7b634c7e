package dev.vela.runtime.partition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A quantized node goes only to a plugin certified for its numerics flavour (D15); a float node to any, unless it
 * needs the tflite flavour's exact summation order.
 */
class CandidateNumericsTest {

    private static Node gemm(DataType type, String flavour) {
        Node.Builder b = Node.builder("Gemm").name("fc").input(TensorType.of(type, 1, 2));
        if (flavour != null) {
            b.attr(NumericsFlavour.ATTRIBUTE, flavour);
        }
        return b.build();
    }

    @Test
    void aPluginCertifiedForTflmDoesNotRunTfliteNodes() {
        Candidate tflm = new Candidate("acme", List.of(), Set.of(), NumericsFlavour.TFLM);
        KernelClaim int8 = KernelClaim.parse("Gemm/int8/ANY");
        assertThat(tflm.numericsProblem(gemm(DataType.INT8, null), int8)).isNull();
        assertThat(tflm.numericsProblem(gemm(DataType.INT8, "tflite"), int8))
                .isEqualTo("certified for numerics tflm, the node needs tflite");
        assertThat(tflm.numericsProblem(gemm(DataType.INT8, "bogus"), int8)).contains("unknown numerics flavour");
        assertThat(tflm.numericsProblem(gemm(DataType.FLOAT32, null), KernelClaim.parse("Gemm/float32/ANY")))
                .as("a float node without a flavour runs on any float kernel")
                .isNull();
    }

    @Test
    void aFloatNodeThatNeedsTflitesSummationOrderStaysOnTheReference() {
        KernelClaim float32 = KernelClaim.parse("Gemm/float32/ANY");
        for (NumericsFlavour certified : NumericsFlavour.values()) {
            Candidate plugin = new Candidate("acme", List.of(), Set.of(), certified);
            assertThat(plugin.numericsProblem(gemm(DataType.FLOAT32, "tflite"), float32))
                    .as("certified for %s", certified)
                    .contains("exact summation order");
            assertThat(plugin.numericsProblem(gemm(DataType.FLOAT32, "tflm"), float32))
                    .isNull();
        }
        assertThat(new Candidate("ref", List.of(), Set.of()).numericsProblem(gemm(DataType.FLOAT32, "tflite"), float32))
                .as("the reference (no certificate) implements every flavour")
                .isNull();
    }

    @Test
    void aPluginCertifiedForTfliteRunsOnlyTfliteNodesAndUncertifiedOnesAreNotChecked() {
        Candidate tflite = new Candidate("acme", List.of(), Set.of(), NumericsFlavour.TFLITE);
        KernelClaim uint8 = KernelClaim.parse("Gemm/uint8/ANY");
        assertThat(tflite.numericsProblem(gemm(DataType.UINT8, "tflite"), uint8))
                .isNull();
        assertThat(tflite.numericsProblem(gemm(DataType.UINT8, null), uint8))
                .isEqualTo("certified for numerics tflite, the node needs tflm");
        assertThat(new Candidate("dev", List.of(), Set.of()).numericsProblem(gemm(DataType.UINT8, "tflite"), uint8))
                .isNull();
    }
}
