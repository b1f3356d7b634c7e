package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpiVersionTest {

    private final SpiVersion runtime = SpiVersion.of(1, 3);

    @Test
    void acceptsSameMajorAndOlderOrEqualMinor() {
        assertThat(runtime.accepts(SpiVersion.of(1, 0))).isTrue();
        assertThat(runtime.accepts(SpiVersion.of(1, 3))).isTrue();
    }

    @Test
    void refusesNewerMinorSayingWhy() {
        assertThat(runtime.incompatibilityWith(SpiVersion.of(1, 4)))
                .hasValueSatisfying(
                        r -> assertThat(r).contains("1.4").contains("newer").contains("1.3"));
    }

    @Test
    void refusesOtherMajorSayingWhy() {
        assertThat(runtime.incompatibilityWith(SpiVersion.of(2, 0)))
                .hasValueSatisfying(r -> assertThat(r).contains("major versions differ"));
        assertThat(runtime.accepts(SpiVersion.of(0, 9))).isFalse();
    }

    @Test
    void parsesAndPrints() {
        assertThat(SpiVersion.parse("1.12")).isEqualTo(SpiVersion.of(1, 12)).hasToString("1.12");
        assertThatThrownBy(() -> SpiVersion.parse("1")).hasMessageContaining("major.minor");
        assertThatThrownBy(() -> SpiVersion.parse("a.b")).hasMessageContaining("major.minor");
        assertThat(SpiVersion.of(1, 2)).isLessThan(SpiVersion.of(1, 10));
    }
}
