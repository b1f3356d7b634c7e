package dev.vela.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    /** Builds a .npy file by hand: magic, version, header length, header, data. */
    private static byte[] npy(int major, String header, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(prefix + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        return b.put(h).put(data).array();
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    @Test
    void readsVersion1Float32() {
        Tensor t = Npy.decode(
                "a.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n", floats(1, 2, 3, 4)));
        assertThat(t.type()).isEqualTo(TensorType.of(DataType.FLOAT32, 2, 2));
        assertThat(t.toFloatArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void readsVersion2And3Headers() {
        Tensor v2 =
                Npy.decode("b.npy", npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", floats(7)));
        assertThat(v2.toFloatArray()).containsExactly(7);
        Tensor v3 = Npy.decode(
                "c.npy", npy(3, "{\"descr\": \"=f4\", \"fortran_order\": False, \"shape\": (), }\n", floats(-1)));
        assertThat(v3.shape()).isEqualTo(Shape.scalar());
        assertThat(v3.toFloatArray()).containsExactly(-1);
    }

    @Test
    void roundTripsEveryDtype() throws Exception {
        for (DataType type : DataType.values()) {
            if (type == DataType.BFLOAT16 || type.isSubByte()) {
                // no .npy dtype: refused by name
                Tensor none = Tensor.allocate(TensorType.of(type, 2, 3));
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> Npy.write(dir.resolve("x.npy"), none))
                        .isInstanceOf(NpyFormatException.class)
                        .hasMessageContaining(type.label());
                continue;
            }
            Tensor t = Tensor.allocate(TensorType.of(type, 2, 3));
            for (int i = 0; i < 6; i++) {
                if (type.isFloatingPoint()) {
                    t.setDouble(i, i * 0.5 - 1);
                } else {
                    t.setLong(i, type == DataType.BOOL ? i % 2 : i * 3 + 1);
                }
            }
            Path file = dir.resolve(type.label() + ".npy");
            Npy.write(file, t);
            Tensor back = Npy.read(file);
            assertThat(back.type()).as(type.label()).isEqualTo(t.type());
            assertThat(back.toByteArray()).as(type.label()).isEqualTo(t.toByteArray());
        }
    }

    @Test
    void writtenHeaderIsPaddedTo64BytesAndReadableByNumpyRules() {
        byte[] bytes = Npy.encode(Tensor.ofFloats(Shape.of(3), 1, 2, 3));
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertThat(header)
                .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }")
                .endsWith("\n");
        assertThat(bytes.length).isEqualTo(10 + headerLength + 12);
    }

    @Test
    void oneByteTypesAcceptAnyOrderMark() {
        Tensor t = Npy.decode(
                "u.npy",
                npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }\n", new byte[] {(byte) 200, 3}));
        assertThat(t.getLong(0)).isEqualTo(200);
        Tensor b = Npy.decode(
                "b.npy", npy(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (1,), }\n", new byte[] {1}));
        assertThat(b.dataType()).isEqualTo(DataType.BOOL);
    }

    @Test
    void bigEndianIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> Npy.decode(
                        "be.npy", npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }\n", floats(1))))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("be.npy")
                .hasMessageContaining("big-endian");
    }

    @Test
    void fortranOrderIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> Npy.decode(
                        "f.npy", npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }\n", floats(1))))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("f.npy")
                .hasMessageContaining("Fortran");
    }

    @Test
    void malformedFilesAreRefused() {
        assertThatThrownBy(() -> Npy.decode("short.npy", new byte[3]))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("short.npy");
        assertThatThrownBy(() -> Npy.decode("magic.npy", new byte[20])).hasMessageContaining("magic");
        assertThatThrownBy(() -> Npy.decode(
                        "t.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }\n", floats(1))))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("t.npy")
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> Npy.decode(
                        "o.npy", npy(1, "{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }\n", new byte[12])))
                .hasMessageContaining("unsupported dtype '<U3'");
        assertThatThrownBy(() -> Npy.decode(
                        "p.npy", npy(1, "{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }\n", floats(1))))
                .hasMessageContaining("byte order");
        byte[] longHeader = npy(1, "{'descr': '<f4'", new byte[0]);
        longHeader[8] = (byte) 0xff;
        assertThatThrownBy(() -> Npy.decode("h.npy", longHeader)).hasMessageContaining("past the end");
    }

    @Test
    void safeFileNamesKeepOnlyPortableCharacters() {
        assertThat(Npy.safeFileName("out:0/a b")).isEqualTo("out_0_a_b");
        assertThat(Npy.safeFileName("..")).isEqualTo("_..");
        assertThat(Npy.safeFileName("")).isEqualTo("_");
        assertThat(Npy.safeFileName("y.1")).isEqualTo("y.1");
    }
}
