package dev.vela.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void nearestRankPercentilesOfTenRuns() {
        // 1..10 ms, shuffled: p50 = 5th value, p90 = 9th, p99 = ceil(9.9) = 10th
        long[] nanos = {7, 3, 10, 1, 9, 2, 8, 4, 6, 5};
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] *= 1_000_000L;
        }
        LatencyStats s = LatencyStats.of(nanos);
        assertThat(s.p50()).isEqualTo(5.0);
        assertThat(s.p90()).isEqualTo(9.0);
        assertThat(s.p99()).isEqualTo(10.0);
        assertThat(s.mean()).isCloseTo(5.5, within(1e-12));
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(10.0);
        assertThat(nanos[0]).as("input left unsorted").isEqualTo(7_000_000L);
    }

    @Test
    void oneRunIsEveryPercentile() {
        LatencyStats s = LatencyStats.of(new long[] {2_500_000});
        assertThat(s.p50()).isEqualTo(2.5);
        assertThat(s.p99()).isEqualTo(2.5);
    }

    @Test
    void noRunsIsRefused() {
        assertThatThrownBy(() -> LatencyStats.of(new long[0])).hasMessageContaining("no runs");
    }
}
