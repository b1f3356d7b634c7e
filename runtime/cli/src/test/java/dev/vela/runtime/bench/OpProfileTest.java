package dev.vela.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vela.runtime.profile.NodeTiming;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpProfileTest {

    @Test
    void meanPerRunSortedSlowestFirstWithShares() {
        OpProfile p = new OpProfile();
        p.add(List.of(
                new NodeTiming("a", "Add", "ref", 1_000_000),
                new NodeTiming("c", "Conv", "npu", 5_000_000),
                new NodeTiming("r", "Relu", "ref", 2_000_000)));
        p.add(List.of(
                new NodeTiming("a", "Add", "ref", 3_000_000),
                new NodeTiming("c", "Conv", "npu", 7_000_000),
                new NodeTiming("r", "Relu", "ref", 2_000_000)));
        List<OpProfile.Row> rows = p.rows();
        assertThat(rows).extracting(OpProfile.Row::node).containsExactly("c", "a", "r");
        assertThat(rows.get(0).ms()).isCloseTo(6.0, within(1e-9)); // (5 + 7) / 2 runs
        assertThat(rows.get(0).provider()).isEqualTo("npu");
        assertThat(rows.get(0).percent()).isCloseTo(60.0, within(1e-9)); // 12 of 20 ms
        assertThat(rows.get(1).ms()).isCloseTo(2.0, within(1e-9));
        assertThat(rows.get(1).percent()).isCloseTo(20.0, within(1e-9));
        assertThat(rows.stream().mapToDouble(OpProfile.Row::percent).sum()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void sameNameOnDifferentOperatorsStaysApart() {
        OpProfile p = new OpProfile();
        p.add(List.of(new NodeTiming("", "Add", "ref", 1_000_000), new NodeTiming("", "Mul", "ref", 3_000_000)));
        assertThat(p.rows()).extracting(OpProfile.Row::op).containsExactly("Mul", "Add");
    }

    @Test
    void noRunsGivesNoRows() {
        assertThat(new OpProfile().rows()).isEmpty();
    }
}
