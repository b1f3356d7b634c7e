package dev.vela.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebugSelectionTest {

    @Test
    void aReplayLineAndAFilterReachTheForkAndSetTheSeed() {
        List<String> problems = new ArrayList<>();
        DebugSelection d = DebugSelection.parse("20261120:17", "Relu/float32/ANY#numerics", problems);

        assertThat(problems).isEmpty();
        assertThat(d.active()).isTrue();
        assertThat(d.seed(5)).isEqualTo(20261120L);
        assertThat(d.forkJvmArgs())
                .containsExactly(
                        "-Dvela.conformance.replay=20261120:17", "-Dvela.conformance.only=Relu/float32/ANY#numerics");
        assertThat(d.describe()).isEqualTo("replaying case 20261120:17 of Relu/float32/ANY#numerics");
    }

    @Test
    void withoutEitherTheRunCertifiesWithItsOwnSeed() {
        DebugSelection d = DebugSelection.parse(null, " ", new ArrayList<>());

        assertThat(d.active()).isFalse();
        assertThat(d.seed(5)).isEqualTo(5);
        assertThat(d.forkJvmArgs()).isEmpty();
    }

    @Test
    void aCheckFilterAloneIsAccepted() {
        List<String> problems = new ArrayList<>();
        DebugSelection d = DebugSelection.parse(null, "#invalid-nodes", problems);

        assertThat(problems).isEmpty();
        assertThat(d.describe()).isEqualTo("only #invalid-nodes");
    }

    @Test
    void malformedValuesAreConfigurationProblemsNamingTheProperty() {
        List<String> problems = new ArrayList<>();
        DebugSelection d = DebugSelection.parse("seventeen", "Relu/float32#numerics", problems);
        DebugSelection.parse(null, "Relu/float32/ANY#numeric", problems);

        assertThat(d.active()).isFalse();
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("-Dvela.conformance.replay: case id must be '<seed>:<caseIndex>'");
        assertThat(problems.get(1)).contains("-Dvela.conformance.only=Relu/float32#numerics", "op/dtype/layout");
        assertThat(problems.get(2)).contains("unknown check 'numeric'", "numerics");
    }
}
