package dev.vela.runtime.pack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian writer of the package's graph section: fixed-width numbers, length-prefixed strings and arrays. */
final class SectionOut {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void u8(int v) {
        out.write(v);
    }

    void i32(int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
    }

    void i64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    void f32(float v) {
        i32(Float.floatToRawIntBits(v));
    }

    void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        i32(b.length);
        out.write(b, 0, b.length);
    }

    /** A string that may be null (flag byte, then the string). */
    void optionalString(String s) {
        u8(s == null ? 0 : 1);
        if (s != null) {
            string(s);
        }
    }

    void bytes(byte[] b) {
        i32(b.length);
        out.write(b, 0, b.length);
    }

    void longs(long[] v) {
        i32(v.length);
        for (long x : v) {
            i64(x);
        }
    }

    void floats(float[] v) {
        i32(v.length);
        for (float x : v) {
            f32(x);
        }
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
