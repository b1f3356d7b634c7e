package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** int4/uint4 (SPI 1.1): two elements per byte, low nibble first, sizes rounded up. */
class PackedFourBitTest {

    @Test
    void sizesRoundUpForOddCounts() {
        assertThat(DataType.INT4.storageBytes(5)).isEqualTo(3);
        assertThat(DataType.UINT4.storageBytes(4)).isEqualTo(2);
        assertThat(DataType.INT4.storageBytes(0)).isZero();
        assertThat(DataType.INT8.storageBytes(5)).isEqualTo(5);
        assertThat(DataType.FLOAT32.storageBytes(3)).isEqualTo(12);
        assertThat(TensorType.of(DataType.INT4, Shape.of(5)).byteSize()).isEqualTo(3);
        assertThat(DataType.INT4.bitWidth()).isEqualTo(4);
        assertThat(DataType.INT16.bitWidth()).isEqualTo(16);
        assertThat(DataType.UINT4.isSubByte()).isTrue();
        assertThat(DataType.INT8.isSubByte()).isFalse();
        assertThatThrownBy(() -> DataType.INT4.storageBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onnxCodesAndLabels() {
        assertThat(DataType.fromOnnxCode(22)).contains(DataType.INT4);
        assertThat(DataType.fromOnnxCode(21)).contains(DataType.UINT4);
        assertThat(DataType.fromLabel("int4")).isEqualTo(DataType.INT4);
    }

    @Test
    void lowNibbleFirstWithSignExtension() {
        // bytes 0x8F, 0x07: elements 0xF (-1), 0x8 (-8), 0x7 (7); the last high nibble is unused
        Tensor t = Tensor.ofBytes(TensorType.of(DataType.INT4, Shape.of(3)), (byte) 0x8F, (byte) 0x07);
        assertThat(t.getLong(0)).isEqualTo(-1);
        assertThat(t.getLong(1)).isEqualTo(-8);
        assertThat(t.getLong(2)).isEqualTo(7);
        assertThat(t.getDouble(1)).isEqualTo(-8.0);
        Tensor u = Tensor.ofBytes(TensorType.of(DataType.UINT4, Shape.of(3)), (byte) 0x8F, (byte) 0x07);
        assertThat(u.getLong(0)).isEqualTo(15);
        assertThat(u.getLong(1)).isEqualTo(8);
    }

    @Test
    void setLongWritesOneNibbleAndKeepsItsNeighbour() {
        Tensor t = Tensor.allocate(TensorType.of(DataType.INT4, Shape.of(3)));
        t.setLong(1, -3);
        t.setLong(0, 5);
        t.setLong(2, -8);
        assertThat(t.toByteArray()).containsExactly((byte) 0xD5, (byte) 0x08);
        assertThat(t.getLong(1)).isEqualTo(-3);
    }

    @Test
    void elementsBeyondTheCountAreRefusedEvenInsideTheLastByte() {
        Tensor t = Tensor.allocate(TensorType.of(DataType.UINT4, Shape.of(3)));
        assertThatThrownBy(() -> t.getLong(3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("element 3");
        assertThatThrownBy(() -> t.setLong(3, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void ofBytesNeedsThePackedByteCount() {
        assertThatThrownBy(
                        () -> Tensor.ofBytes(TensorType.of(DataType.INT4, Shape.of(3)), (byte) 0, (byte) 0, (byte) 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("packs into 2 bytes");
    }
}
