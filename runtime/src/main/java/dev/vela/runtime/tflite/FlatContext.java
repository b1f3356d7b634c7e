package dev.vela.runtime.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of one flatbuffer file plus the checks every read goes through: ranges inside the
 * buffer, and a budget on the number of decoded elements so that a corrupt file whose vectors all
 * alias one huge region cannot make the reader allocate without bound.
 */
final class FlatContext {

    private final String source;
    private final ByteBuffer bytes;
    private final int limit;
    private long budget;

    FlatContext(String source, ByteBuffer bytes) {
        this.source = source;
        this.bytes = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.bytes.position(0);
        this.limit = this.bytes.limit();
        // A valid file decodes at most about one element per byte it holds; eight times that plus a
        // constant leaves room for shared vectors while still bounding what a hostile file costs.
        this.budget = 8L * limit + (1 << 20);
    }

    String source() {
        return source;
    }

    ByteBuffer bytes() {
        return bytes;
    }

    int limit() {
        return limit;
    }

    /** Fails unless [offset, offset + length) lies inside the file. */
    void checkRange(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > limit) {
            throw error(
                    offset,
                    what + " spans bytes [" + offset + ", " + (offset + length) + ") outside the file of " + limit
                            + " bytes");
        }
    }

    /** Charges {@code count} decoded elements against the budget. */
    void charge(long count, long offset, String what) {
        budget -= count;
        if (budget < 0) {
            throw error(
                    offset,
                    what + ": the file decodes to far more elements than its size allows"
                            + " (vectors overlap or lengths are corrupt)");
        }
    }

    int getInt(long offset, String what) {
        checkRange(offset, 4, what);
        return bytes.getInt((int) offset);
    }

    long getUint(long offset, String what) {
        return getInt(offset, what) & 0xFFFF_FFFFL;
    }

    int getUshort(long offset, String what) {
        checkRange(offset, 2, what);
        return bytes.getShort((int) offset) & 0xFFFF;
    }

    TfliteFormatException error(long offset, String what) {
        return new TfliteFormatException(source + ": " + what + " (byte offset " + offset + ")");
    }

    TfliteFormatException error(String what) {
        return new TfliteFormatException(source + ": " + what);
    }
}
