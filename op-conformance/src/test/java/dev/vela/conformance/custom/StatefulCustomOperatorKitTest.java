package dev.vela.conformance.custom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Sequence admission cases and the state check on a stateful custom operator. */
class StatefulCustomOperatorKitTest {

    static final String DIR = AdmissionCases.ROOT + "com.acme/Accumulate/";

    /** Three sequence cases of three steps: the running sums, computed by hand. */
    static Map<String, byte[]> cases() {
        Map<String, byte[]> files = new TreeMap<>();
        float[][] xs = {{1, 2, 3, 4, 5, 6}, {0, -1, 0.5f, 0.5f, 2, 2}, {10, 10, 10, 10, 10, 10}};
        for (int c = 0; c < xs.length; c++) {
            float[] x = xs[c];
            float[] y = new float[6];
            for (int i = 0; i < 2; i++) {
                float sum = 0;
                for (int s = 0; s < 3; s++) {
                    sum += x[s * 2 + i];
                    y[s * 2 + i] = sum;
                }
            }
            files.put(DIR + "x" + c + ".npy", ScalePlugin.npy(new int[] {3, 2}, x));
            files.put(DIR + "y" + c + ".npy", ScalePlugin.npy(new int[] {3, 2}, y));
            files.put(DIR + "stream" + c + ".json", ("""
                    {"format": "vela-admission-case/1", "op": "com.acme:Accumulate", "sequence": true,
                     "source": "running sums computed by hand",
                     "inputs": [{"npy": "x%d.npy"}], "expected": [{"npy": "y%d.npy"}]}
                    """.formatted(c, c)).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static ClaimReport certify(boolean forgetful) {
        return ConformanceKit.forProvider(new AccumulatePlugin(forgetful))
                .withSeed(3)
                .withTries(10)
                .withAdmissionCases(AdmissionCases.of(cases()))
                .run()
                .claims()
                .get(0);
    }

    @Test
    void aKernelThatKeepsItsDeclaredStateIsCertified() {
        ClaimReport claim = certify(false);
        assertThat(claim.checks())
                .filteredOn(c -> c.status() != CheckStatus.PASSED)
                .isEmpty();
        assertThat(claim.check("state").orElseThrow().casesRun()).isPositive();
        assertThat(claim.check(AdmissionCheck.ID).orElseThrow().message()).contains("3 valid cases (9 steps)");
    }

    @Test
    void aKernelThatForgetsItsStateFailsTheSequences() {
        ClaimReport claim = certify(true);
        assertThat(claim.passed()).isFalse();
        CheckResult admission = claim.check(AdmissionCheck.ID).orElseThrow();
        assertThat(admission.message()).contains("stream0.json step 1 output 0: the kernel gives");
        CheckResult state = claim.check("state").orElseThrow();
        assertThat(state.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(state.message()).contains("(the kernel declares no state)");
    }
}
