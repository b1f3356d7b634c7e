package dev.vela.conformance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.conformance.report.ConformanceReport;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ConformanceTestsTest {

    @Test
    void oneContainerPerClaimAndOneTestPerCheckWhoseOutcomeFollowsTheStatus() throws Throwable {
        ConformanceReport report = dev.vela.conformance.report.ReportWritersTest.sample();
        List<DynamicNode> nodes = ConformanceTests.dynamicTests(report).collect(Collectors.toList());
        assertThat(nodes).hasSize(1);
        DynamicContainer claim = (DynamicContainer) nodes.get(0);
        assertThat(claim.getDisplayName()).isEqualTo("Add/float32/ANY (seed 7)");
        List<DynamicTest> tests =
                claim.getChildren().map(DynamicTest.class::cast).collect(Collectors.toList());
        assertThat(tests)
                .extracting(DynamicTest::getDisplayName)
                .containsExactly("numerics", "determinism", "concurrency", "latency");
        assertThatThrownBy(() -> tests.get(0).getExecutable().execute())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("replay: -Dvela.conformance.replay=7:3");
        tests.get(1).getExecutable().execute();
        assertThatThrownBy(() -> tests.get(2).getExecutable().execute()).isInstanceOf(TestAbortedException.class);
        tests.get(3).getExecutable().execute();
    }
}
