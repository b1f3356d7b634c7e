package dev.vela.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GateSettingsTest {

    private static LatencyBudgetSpec budget(String op, String dtype, String workload, Double max, Double ratio) {
        LatencyBudgetSpec b = new LatencyBudgetSpec();
        b.setOp(op);
        b.setDataType(dtype);
        b.setWorkload(workload);
        b.setMaxMillis(max);
        b.setRatioToReference(ratio);
        return b;
    }

    private static ToleranceOverride override(String op, String dtype, String key, double value) {
        ToleranceOverride o = new ToleranceOverride();
        o.setOp(op);
        o.setDataType(dtype);
        o.setKey(key);
        o.setValue(value);
        return o;
    }

    private static CertificationProfile profile(List<String> ops, List<String> types) {
        CertificationProfile p = new CertificationProfile();
        p.setName("edge");
        p.setOps(ops);
        p.setDataTypes(types);
        return p;
    }

    @Test
    void defaultsCoverEverythingWithAllChecks() throws Exception {
        GateSettings s = GateSettings.validate(null, null, null, List.of());

        assertThat(s.profileName()).isEqualTo("default");
        assertThat(s.ops()).isEmpty();
        assertThat(s.dataTypes()).isEmpty();
        assertThat(s.checks()).contains("numerics", "latency", "invalid-nodes").hasSize(10);
        assertThat(s.toleranceProfile()).isEqualTo("default");
        assertThat(s.policyDescription()).endsWith("/default");
    }

    @Test
    void aValidConfigurationIsTranslatedForTheFork() throws Exception {
        GateSettings s = GateSettings.validate(
                profile(List.of("Relu", "Add"), List.of("FLOAT32", "int8")),
                List.of(
                        budget("Relu", "float32", "largest-generated", 2.5, null),
                        budget("Add", "int8", "largest-generated", null, 4.0)),
                List.of(override("Relu", "float32", "atol", 1e-6), override("Add", "int8", "maxDiff", 0)),
                List.of());

        assertThat(s.ops()).containsExactly("Add", "Relu");
        assertThat(s.dataTypes()).containsExactlyInAnyOrder("float32", "int8");
        assertThat(s.budgets()).containsEntry("Relu/float32", "abs:2.5").containsEntry("Add/int8", "ratio:4.0:1.0");
        assertThat(s.toleranceOverrides())
                .containsEntry("Relu.float32.atol", "1.0E-6")
                .containsEntry("Add.int8.maxDiff", "0");
        assertThat(s.policyDescription()).contains("tightened");
    }

    @Test
    void everyProblemIsListedInOneError() {
        CertificationProfile p = profile(List.of("Relux"), List.of("float33"));
        p.setChecks(List.of("numerix"));

        assertThatThrownBy(() -> GateSettings.validate(
                        p,
                        List.of(
                                budget("Relu", "float32", null, 1.0, null),
                                budget("Conv", "float32", "imagenet", 1.0, null),
                                budget("Relu", "int8", "largest-generated", 1.0, 2.0)),
                        List.of(override("Relu", "float32", "atol", 0.5), override("Relu", "int8", "atol", 0)),
                        List.of("earlier problem")))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("earlier problem")
                .hasMessageContaining("unknown operator 'Relux'")
                .hasMessageContaining("unknown data type 'float33'")
                .hasMessageContaining("unknown check 'numerix'")
                .hasMessageContaining("a budget needs a <workload>")
                .hasMessageContaining("unknown workload 'imagenet'")
                .hasMessageContaining("give exactly one of <maxMillis> and <ratioToReference>")
                .hasMessageContaining("0.5 is looser than the policy allows (1.0E-5")
                .hasMessageContaining("key must be one of [maxDiff] for int8");
    }

    @Test
    void aLooserIntegerToleranceNeedsTheAuthoritysProfile() throws Exception {
        assertThatThrownBy(() ->
                        GateSettings.validate(null, null, List.of(override("Conv", "int8", "maxDiff", 1)), List.of()))
                .hasMessageContaining("looser than the policy allows (0.0");
        CertificationProfile p = new CertificationProfile();
        p.setTolerance("integer-plus-minus-one");

        GateSettings s = GateSettings.validate(p, null, List.of(override("Conv", "int8", "maxDiff", 1)), List.of());

        assertThat(s.toleranceOverrides()).containsEntry("Conv.int8.maxDiff", "1");
    }

    @Test
    void unknownToleranceProfilesAndDuplicateBudgetsAreErrors() {
        CertificationProfile p = new CertificationProfile();
        p.setTolerance("lenient");
        assertThatThrownBy(() -> GateSettings.validate(p, null, null, List.of()))
                .hasMessageContaining("no profile 'lenient'");
        assertThatThrownBy(() -> GateSettings.validate(
                        null,
                        List.of(
                                budget("Relu", "float32", "largest-generated", 1.0, null),
                                budget("Relu", "float32", "largest-generated", 2.0, null)),
                        null,
                        List.of()))
                .hasMessageContaining("a second budget for the same operator and data type");
    }

    @Test
    void requireAllNeedsExplicitLists() {
        CertificationProfile p = profile(List.of("Relu"), List.of());
        p.setRequireAll(true);
        assertThatThrownBy(() -> GateSettings.validate(p, null, null, List.of()))
                .hasMessageContaining("<requireAll> needs explicit <ops> and <dataTypes>");
    }
}
