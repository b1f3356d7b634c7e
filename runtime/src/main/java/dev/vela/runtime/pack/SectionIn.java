package dev.vela.runtime.pack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reader of the graph section written by {@link SectionOut}. Every read past the end, and every
 * negative or oversized length, is a {@link PackageFormatException} naming the file and the absolute byte offset.
 */
final class SectionIn {

    private final String source;
    private final ByteBuffer data;
    private final long base;

    /**
     * @param source the file name for messages
     * @param section the section's bytes, positioned at its start
     * @param base the section's offset in the file
     */
    SectionIn(String source, ByteBuffer section, long base) {
        this.source = source;
        this.data = section.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.base = base;
    }

    PackageFormatException error(String what) {
        return new PackageFormatException(source + ": " + what + " at byte offset " + (base + data.position()));
    }

    private void need(long bytes, String what) {
        if (bytes < 0 || bytes > data.remaining()) {
            throw error("truncated or corrupt graph section: " + what + " needs " + bytes + " bytes but "
                    + data.remaining() + " remain");
        }
    }

    int u8() {
        need(1, "a byte");
        return data.get() & 0xff;
    }

    int i32() {
        need(4, "an int");
        return data.getInt();
    }

    long i64() {
        need(8, "a long");
        return data.getLong();
    }

    float f32() {
        need(4, "a float");
        return data.getFloat();
    }

    /** A count of items each taking at least {@code minBytes}, checked against what remains. */
    int count(String what, int minBytes) {
        int n = i32();
        if (n < 0 || (long) n * minBytes > data.remaining()) {
            data.position(data.position() - 4);
            throw error("corrupt " + what + " count " + n);
        }
        return n;
    }

    String string() {
        int n = count("string length", 1);
        byte[] b = new byte[n];
        data.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    String optionalString() {
        return u8() == 0 ? null : string();
    }

    byte[] bytes() {
        byte[] b = new byte[count("byte array length", 1)];
        data.get(b);
        return b;
    }

    long[] longs() {
        long[] v = new long[count("long array length", 8)];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.getLong();
        }
        return v;
    }

    float[] floats() {
        float[] v = new float[count("float array length", 4)];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.getFloat();
        }
        return v;
    }

    boolean atEnd() {
        return !data.hasRemaining();
    }
}
