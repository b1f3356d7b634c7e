package dev.vela.runtime.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class ValueRangeTest {

    @Test
    void minMaxSpansAllSamplesAndSkipsNonFiniteValues() {
        ValueRange r = new ValueRange();
        assertThat(r.hasRange()).isFalse();
        r.observe(Tensor.ofFloats(Shape.of(3), 1f, -2f, Float.NaN));
        r.observe(Tensor.ofFloats(Shape.of(2), 5f, Float.POSITIVE_INFINITY));
        assertThat(r.hasRange()).isTrue();
        assertThat(r.min()).isEqualTo(-2);
        assertThat(r.max()).isEqualTo(5);
    }

    @Test
    void percentileClipsARareOutlier() {
        // 9999 values evenly over [0, 1) and one outlier at 100: min/max is [0, 100]; the 99.9th percentile keeps
        // the bulk: the outlier bin is dropped, the upper edge is the end of the bin holding 0.9999 (~0.98..1.03)
        ValueRange r = new ValueRange();
        double[] values = new double[10000];
        for (int i = 0; i < 9999; i++) {
            values[i] = i / 9999.0;
        }
        values[9999] = 100;
        r.observe(values);
        r.histogram(values);
        double[] range = r.percentileRange(99.9);
        assertThat(range[0]).isEqualTo(0);
        assertThat(range[1]).isCloseTo(1.0, within(100.0 / ValueRange.BINS));
        assertThat(r.percentileRange(100)).containsExactly(0, 100);
    }

    @Test
    void percentileTrimsBothTails() {
        // values -50 and +50 once each among 998 zeros: at 99.8% both tails (1 value each = 0.1%) are cut
        ValueRange r = new ValueRange();
        double[] values = new double[1000];
        values[0] = -50;
        values[1] = 50;
        r.observe(values);
        r.histogram(values);
        double[] range = r.percentileRange(99.8);
        double bin = 100.0 / ValueRange.BINS;
        assertThat(range[0]).isCloseTo(0, within(bin));
        assertThat(range[1]).isCloseTo(0, within(bin));
        assertThat(range[1]).isGreaterThanOrEqualTo(range[0]);
    }

    @Test
    void withoutHistogramPercentileIsMinMax() {
        ValueRange r = new ValueRange();
        r.observe(-1, 4);
        assertThat(r.percentileRange(99.99)).containsExactly(-1, 4);
    }

    @Test
    void errors() {
        ValueRange r = new ValueRange();
        assertThatThrownBy(() -> r.histogram(1.0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before any min/max");
        r.observe(1, 2);
        assertThatThrownBy(() -> r.percentileRange(40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(50, 100]");
    }
}
