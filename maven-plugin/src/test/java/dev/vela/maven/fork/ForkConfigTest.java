package dev.vela.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.check.LatencyBudget;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.conformance.tolerance.ToleranceRule;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the gate writes is what the fork applies: profile, tightened tolerances, latency budgets. */
class ForkConfigTest {

    @TempDir
    Path dir;

    private ForkConfig config(String profile, Map<String, String> budgets, Map<String, String> tolerances) {
        return new ForkConfig(
                dir.resolve("p.jar"),
                dir,
                dir.resolve("progress"),
                dir.resolve("results.tsv"),
                -3,
                15,
                2,
                profile,
                List.of("numerics", "latency"),
                Set.of("Relu"),
                Set.of("float32"),
                budgets,
                tolerances);
    }

    @Test
    void aConfigurationSurvivesTheFile() throws Exception {
        ForkConfig c = config("default", Map.of("Relu/float32", "abs:2.5"), Map.of("Relu.float32.atol", "1.0E-6"));
        Path file = dir.resolve("fork.properties");

        c.write(file);

        assertThat(ForkConfig.read(file)).isEqualTo(c);
    }

    @Test
    void tightenedTolerancesApplyInTheDefaultProfile() throws Exception {
        TolerancePolicy p = CertifyMain.policy(config("default", Map.of(), Map.of("Relu.float32.atol", "1.0E-6")));

        ToleranceRule relu = p.rule(OpId.of("Relu"), DataType.FLOAT32);
        assertThat(relu.atol()).isEqualTo(1e-6);
        assertThat(relu.rtol()).isEqualTo(1e-4);
        assertThat(p.rule(OpId.of("Add"), DataType.FLOAT32).atol()).isEqualTo(1e-5);
    }

    @Test
    void tightenedTolerancesBeatTheNamedProfilesOwnRule() throws Exception {
        TolerancePolicy loose = CertifyMain.policy(config("integer-plus-minus-one", Map.of(), Map.of()));
        TolerancePolicy tight =
                CertifyMain.policy(config("integer-plus-minus-one", Map.of(), Map.of("Conv.int8.maxDiff", "0")));

        assertThat(loose.rule(OpId.of("Conv"), DataType.INT8).maxDiff()).isEqualTo(1);
        assertThat(tight.rule(OpId.of("Conv"), DataType.INT8).maxDiff()).isZero();
        assertThat(tight.profile()).isEqualTo("integer-plus-minus-one");
    }

    @Test
    void budgetsBecomeTheKitsLatencyBudgets() {
        Map<String, LatencyBudget> b = CertifyMain.budgets(
                config("default", Map.of("Relu/float32", "abs:2.5", "Add/int8", "ratio:4.0:0.5"), Map.of()));

        assertThat(b.get("Relu/float32").limitMillis(100)).isEqualTo(2.5);
        assertThat(b.get("Add/int8").limitMillis(1.0)).isEqualTo(4.0);
        assertThat(b.get("Add/int8").limitMillis(0.01)).isEqualTo(0.5);
    }
}
