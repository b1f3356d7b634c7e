package dev.vela.samples.nativenpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A minimal reader of the TFLite flatbuffer format (only what {@link TfliteGoldenTest} needs):
 * tables, vectors of scalars, tables and bytes, field numbers from TFLite's {@code schema.fbs}.
 */
final class TfliteFlatbuffer {

    private final ByteBuffer buf;

    TfliteFlatbuffer(byte[] bytes) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the root table position */
    int root() {
        return buf.getInt(0);
    }

    /** @return the absolute position of field {@code field} of the table at {@code table}, or 0 if absent */
    int field(int table, int field) {
        int vtable = table - buf.getInt(table);
        int vtableSize = buf.getShort(vtable) & 0xFFFF;
        int slot = 4 + 2 * field;
        if (slot >= vtableSize) {
            return 0;
        }
        int offset = buf.getShort(vtable + slot) & 0xFFFF;
        return offset == 0 ? 0 : table + offset;
    }

    int intField(int table, int field, int defaultValue) {
        int at = field(table, field);
        return at == 0 ? defaultValue : buf.getInt(at);
    }

    int byteField(int table, int field, int defaultValue) {
        int at = field(table, field);
        return at == 0 ? defaultValue : buf.get(at);
    }

    /** @return the table referenced by field {@code field}, or 0 */
    int tableField(int table, int field) {
        int at = field(table, field);
        return at == 0 ? 0 : at + buf.getInt(at);
    }

    /** @return the position of the vector (its length word) referenced by field {@code field}, or 0 */
    int vectorField(int table, int field) {
        return tableField(table, field);
    }

    int length(int vector) {
        return vector == 0 ? 0 : buf.getInt(vector);
    }

    int tableAt(int vector, int i) {
        int at = vector + 4 + 4 * i;
        return at + buf.getInt(at);
    }

    int intAt(int vector, int i) {
        return buf.getInt(vector + 4 + 4 * i);
    }

    float floatAt(int vector, int i) {
        return buf.getFloat(vector + 4 + 4 * i);
    }

    long longAt(int vector, int i) {
        return buf.getLong(vector + 4 + 8 * i);
    }

    byte[] bytes(int vector) {
        byte[] out = new byte[length(vector)];
        buf.get(vector + 4, out, 0, out.length);
        return out;
    }

    int[] ints(int vector) {
        int[] out = new int[length(vector)];
        for (int i = 0; i < out.length; i++) {
            out[i] = intAt(vector, i);
        }
        return out;
    }
}
