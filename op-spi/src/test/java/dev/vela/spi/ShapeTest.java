package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void countsElementsAndStrides() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.rank()).isEqualTo(3);
        assertThat(s.elementCount()).isEqualTo(24);
        assertThat(s.strides()).containsExactly(12, 4, 1);
        assertThat(s).hasToString("[2x3x4]");
    }

    @Test
    void scalarHasOneElementAndEmptyDimHasNone() {
        assertThat(Shape.scalar().elementCount()).isEqualTo(1);
        assertThat(Shape.scalar()).hasToString("[]");
        assertThat(Shape.of(3, 0, 2).elementCount()).isZero();
        assertThat(Shape.of(3, 0, 2).isEmpty()).isTrue();
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Shape s = Shape.of(5, 6, 7);
        assertThat(s.dim(-1)).isEqualTo(7);
        assertThat(s.normalizeAxis(-3)).isZero();
        assertThatThrownBy(() -> s.normalizeAxis(3))
                .hasMessageContaining("axis 3")
                .hasMessageContaining("rank 3");
        assertThatThrownBy(() -> s.normalizeAxis(-4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesNegativeAndOverflowingDims() {
        assertThatThrownBy(() -> Shape.of(2, -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Shape.of(1 << 16, 1 << 16)).hasMessageContaining("2^31");
        assertThatThrownBy(() -> Shape.of(1L << 40)).hasMessageContaining("out of range");
    }

    @Test
    void equalityIsByDims() {
        assertThat(Shape.of(1, 2)).isEqualTo(Shape.of(new long[] {1, 2})).hasSameHashCodeAs(Shape.of(1, 2));
        assertThat(Shape.of(1, 2)).isNotEqualTo(Shape.of(2, 1));
        assertThat(Shape.of(1, 2).withDim(-1, 9)).isEqualTo(Shape.of(1, 9));
    }
}
