package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void storesLittleEndian() {
        Tensor t = Tensor.ofInts(Shape.of(1), 0x01020304);
        assertThat(t.toByteArray()).containsExactly(4, 3, 2, 1);
    }

    @Test
    void wrapIsAViewAtTheBufferPosition() {
        ByteBuffer big = ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN);
        big.position(8);
        Tensor t = Tensor.wrap(TensorType.of(DataType.FLOAT32, 2), big);
        t.floats().put(0, 1.5f);
        assertThat(big.position()).isEqualTo(8);
        assertThat(ByteBuffer.wrap(big.array(), 8, 4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getFloat())
                .isEqualTo(1.5f);
        assertThat(t.bytes().capacity()).isEqualTo(8);
    }

    @Test
    void wrapRefusesTooSmallBuffers() {
        assertThatThrownBy(() -> Tensor.wrap(TensorType.of(DataType.INT64, 3), ByteBuffer.allocate(16)))
                .hasMessageContaining("needs 24 bytes")
                .hasMessageContaining("16");
    }

    @Test
    void readOnlyViewsRefuseWrites() {
        Tensor t = Tensor.ofFloats(Shape.of(2), 1, 2).asReadOnly();
        assertThat(t.isReadOnly()).isTrue();
        assertThatThrownBy(() -> t.floats().put(0, 3f)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void typedAccessorsCheckTheElementType() {
        Tensor t = Tensor.ofFloats(Shape.of(1), 1);
        assertThatThrownBy(t::longs).hasMessageContaining("float32[1]");
    }

    @Test
    void genericAccessorsConvert() {
        Tensor u8 = Tensor.ofBytes(TensorType.of(DataType.UINT8, 2), (byte) 200, (byte) 7);
        assertThat(u8.getLong(0)).isEqualTo(200);
        assertThat(u8.getDouble(1)).isEqualTo(7.0);
        Tensor i8 = Tensor.ofBytes(TensorType.of(DataType.INT8, 1), (byte) 200);
        assertThat(i8.getLong(0)).isEqualTo(-56);
        Tensor h = Tensor.allocate(TensorType.of(DataType.FLOAT16, 1));
        h.setDouble(0, 0.333333);
        assertThat(h.getDouble(0)).isCloseTo(0.3333, org.assertj.core.data.Offset.offset(1e-3));
        Tensor u64 = Tensor.allocate(TensorType.of(DataType.UINT64, 1));
        u64.setLong(0, -1L);
        assertThat(u64.getDouble(0)).isEqualTo(18446744073709551615.0);
        Tensor b = Tensor.allocate(TensorType.of(DataType.BOOL, 1));
        b.setLong(0, 42);
        assertThat(b.getLong(0)).isEqualTo(1);
        assertThatThrownBy(() -> b.setDouble(0, 1.0)).hasMessageContaining("non-floating");
    }

    @Test
    void reinterpretKeepsBytes() {
        Tensor t = Tensor.ofFloats(Shape.of(2, 2), 1, 2, 3, 4);
        Tensor flat = t.reinterpret(TensorType.of(DataType.FLOAT32, 4));
        assertThat(flat.toFloatArray()).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> t.reinterpret(TensorType.of(DataType.FLOAT32, 3)))
                .hasMessageContaining("byte sizes differ");
    }

    @Test
    void factoriesCheckElementCounts() {
        assertThatThrownBy(() -> Tensor.ofFloats(Shape.of(3), 1, 2)).hasMessageContaining("holds 3 elements, got 2");
    }
}
