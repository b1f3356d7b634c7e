package dev.vela.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX int4/uint4 TensorProtos: raw_data or int32_data packed two per byte, low nibble first. */
class PackedFourBitTensorTest {

    private static final int INT4 = 22;
    private static final int UINT4 = 21;

    @TempDir
    Path dir;

    private Tensor read(Proto p) throws Exception {
        Path file = dir.resolve("t.pb");
        Files.write(file, p.toBytes());
        return OnnxTensorDecoder.readFile(file).tensor();
    }

    @Test
    void rawDataOfAnOddCountRoundsUpToWholeBytes() throws Exception {
        // elements 1, -2, 7: bytes 0xE1, 0x07
        Tensor t = read(Proto.message().packed(1, 3).i64(2, INT4).str(8, "x").bytes(9, new byte[] {(byte) 0xE1, 0x07}));
        assertThat(t.dataType()).isEqualTo(DataType.INT4);
        assertThat(new long[] {t.getLong(0), t.getLong(1), t.getLong(2)}).containsExactly(1, -2, 7);
    }

    @Test
    void int32DataHoldsOnePackedByteEach() throws Exception {
        Tensor t = read(Proto.message().packed(1, 4).i64(2, UINT4).str(8, "u").packed(5, 0xF3, 0x80));
        assertThat(new long[] {t.getLong(0), t.getLong(1), t.getLong(2), t.getLong(3)})
                .containsExactly(3, 15, 0, 8);
    }

    @Test
    void aWrongByteCountOrANonZeroUnusedNibbleIsRefusedByName() {
        assertThatThrownBy(() -> read(Proto.message()
                        .packed(1, 3)
                        .i64(2, INT4)
                        .str(8, "short")
                        .bytes(9, new byte[] {1})))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'short'")
                .hasMessageContaining("2 bytes");
        assertThatThrownBy(() -> read(
                        Proto.message().packed(1, 3).i64(2, INT4).str(8, "odd").bytes(9, new byte[] {0x11, 0x71})))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'odd'")
                .hasMessageContaining("unused high nibble");
        assertThatThrownBy(() -> read(
                        Proto.message().packed(1, 3).i64(2, INT4).str(8, "wide").packed(5, 1, 300)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'wide'")
                .hasMessageContaining("not a byte");
    }
}
