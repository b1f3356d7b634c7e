package dev.vela.conformance.custom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.spi.admission.CertifiedDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every check applies to a custom operator; its admission cases decide whether it is certified. */
class CustomOperatorKitTest {

    static final String DIR = AdmissionCases.ROOT + "com.acme/Scale/";

    /** Cases y = x * 2 + 1 (expected values computed by hand), plus an invalid one. */
    static Map<String, byte[]> cases(int valid) {
        Map<String, byte[]> files = new TreeMap<>();
        float[][] xs = {{0, 1, 2}, {-1, 0.5f, 4}, {10, -3, 0.25f}, {7, 7, 7}};
        for (int i = 0; i < valid; i++) {
            float[] x = xs[i];
            float[] y = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                y[k] = x[k] * 2 + 1;
            }
            files.put(DIR + "x" + i + ".npy", ScalePlugin.npy(new int[] {3}, x));
            files.put(DIR + "y" + i + ".npy", ScalePlugin.npy(new int[] {3}, y));
            files.put(DIR + "case" + i + ".json", json("""
                    {"format": "vela-admission-case/1", "op": "com.acme:Scale", "version": 1,
                     "source": "computed by hand: y = 2x + 1",
                     "attributes": {"factor": {"float": 2.0}, "shift": {"float": 1.0}},
                     "inputs": [{"npy": "x%d.npy"}], "expected": [{"npy": "y%d.npy"}],
                     "tolerance": {"atol": 0, "rtol": 0}}
                    """.formatted(i, i)));
        }
        files.put(DIR + "invalid-int8.json", json("""
                {"format": "vela-admission-case/1", "op": "com.acme:Scale", "invalid": "int8 input",
                 "attributes": {"factor": {"float": 2.0}},
                 "inputs": [{"type": "int8", "shape": [3]}], "outputs": 1, "refusal": "float32 only"}
                """));
        return files;
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ClaimReport certify(boolean bug, Map<String, byte[]> files) {
        ConformanceReport report = ConformanceKit.forProvider(new ScalePlugin(bug))
                .withSeed(11)
                .withTries(20)
                .withAdmissionCases(AdmissionCases.of(files))
                .run();
        assertThat(report.claims()).hasSize(1);
        return report.claims().get(0);
    }

    @Test
    void aCorrectKernelWithEnoughCasesPassesEveryCheck() {
        ClaimReport claim = certify(false, cases(3));
        assertThat(claim.checks())
                .extracting(CheckResult::checkId)
                .contains(
                        "output-types",
                        "numerics",
                        "inputs-unchanged",
                        "output-bounds",
                        "output-coverage",
                        "determinism",
                        "concurrency",
                        "supports-honest",
                        "invalid-nodes",
                        "latency",
                        AdmissionCheck.ID);
        assertThat(claim.checks())
                .filteredOn(c -> c.status() != CheckStatus.PASSED)
                .as("every check passes")
                .isEmpty();
        assertThat(claim.check(AdmissionCheck.ID).orElseThrow().message())
                .contains("3 valid cases", "1 invalid", "computed by hand");
        assertThat(claim.check("invalid-nodes").orElseThrow().casesRun()).isPositive();
        assertThat(claim.passed()).isTrue();
    }

    @Test
    void fewerCasesThanTheMinimumIsNotCertifiedAndSaysWhy() {
        ClaimReport claim = certify(false, cases(2));
        assertThat(claim.passed()).isFalse();
        assertThat(claim.check(AdmissionCheck.ID).orElseThrow().message())
                .startsWith("not certified: 2 valid admission cases for com.acme:Scale/float32/ANY")
                .contains("the profile requires at least 3");
    }

    @Test
    void aPlantedBugFailsBothTheCasesAndTheReferenceComparison() {
        ClaimReport claim = certify(true, cases(3));
        assertThat(claim.passed()).isFalse();
        assertThat(claim.check(AdmissionCheck.ID).orElseThrow().message())
                .contains("case0.json output 0: the kernel gives");
        assertThat(claim.check("numerics").orElseThrow().status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void badCaseFilesAreNamed() {
        Map<String, byte[]> broken = cases(3);
        broken.put(DIR + "broken.json", json("{\"format\": \"vela-admission-case/1\", \"op\": "));
        CheckResult r = certify(false, broken).check(AdmissionCheck.ID).orElseThrow();
        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.message()).contains("broken.json: does not parse: ", "End of input at line 1 column 43 path $.op");

        Map<String, byte[]> wrongShape = cases(3);
        wrongShape.put(DIR + "y1.npy", ScalePlugin.npy(new int[] {1, 3}, 1, 2, 9));
        CheckResult s = certify(false, wrongShape).check(AdmissionCheck.ID).orElseThrow();
        assertThat(s.message())
                .contains("case1.json output 0: the expected output is float32[1x3] but the definition's"
                        + " reference produces float32[3] (the case's expected output has the wrong shape or type)");
    }

    @Test
    void theCertificatePinsTheDefinitionAndEveryCaseFile() {
        ConformanceKit kit =
                ConformanceKit.forProvider(new ScalePlugin(false)).withAdmissionCases(AdmissionCases.of(cases(3)));
        CertifiedDefinition pin = kit.definitionPins().get(0);
        assertThat(pin.op()).isEqualTo(ScalePlugin.SCALE);
        assertThat(pin.schemaHash()).isEqualTo(ScalePlugin.definition().schemaHash());
        assertThat(pin.caseHashes())
                .containsKeys(DIR + "case0.json", DIR + "x0.npy", DIR + "invalid-int8.json")
                .hasSize(10);
    }
}
