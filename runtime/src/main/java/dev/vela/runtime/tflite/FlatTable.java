package dev.vela.runtime.tflite;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One flatbuffer table with bounds-checked field accessors. Fields are addressed by their id in the
 * schema (0-based declaration order; a union takes two ids: its type, then its value). Every
 * offset read from the file is checked against the file before it is followed, so a corrupt file
 * yields a {@link TfliteFormatException} naming the offset, never an index exception.
 */
final class FlatTable extends Table {

    private final FlatContext ctx;
    private final String what;
    private final int vtableStart;
    private final int vtableSize;
    private final int objectSize;

    private FlatTable(FlatContext ctx, int position, String what) {
        this.ctx = ctx;
        this.what = what;
        ctx.checkRange(position, 4, what + " table");
        long vt = (long) position - ctx.getInt(position, what + " vtable offset");
        ctx.checkRange(vt, 4, what + " vtable");
        int vtSize = ctx.getUshort(vt, what + " vtable size");
        int objSize = ctx.getUshort(vt + 2, what + " object size");
        if (vtSize < 4 || (vtSize & 1) != 0) {
            throw ctx.error(vt, what + " has a vtable of invalid size " + vtSize);
        }
        ctx.checkRange(vt, vtSize, what + " vtable");
        if (objSize < 4) {
            throw ctx.error(vt, what + " declares an object size of " + objSize + " bytes");
        }
        ctx.checkRange(position, objSize, what + " table");
        this.vtableStart = (int) vt;
        this.vtableSize = vtSize;
        this.objectSize = objSize;
        __reset(position, ctx.bytes());
    }

    /** The table that starts at an absolute position. */
    static FlatTable at(FlatContext ctx, long position, String what) {
        ctx.checkRange(position, 4, what + " table");
        return new FlatTable(ctx, (int) position, what);
    }

    /** The root table of the file (its offset is the first uint of the file). */
    static FlatTable root(FlatContext ctx, String what) {
        return at(ctx, ctx.getUint(0, "root table offset"), what);
    }

    int position() {
        return bb_pos;
    }

    String what() {
        return what;
    }

    FlatContext context() {
        return ctx;
    }

    /** Absolute position of a field's inline value, or -1 when absent; checks it fits the object. */
    private int field(int id, int size) {
        int slot = 4 + 2 * id;
        if (slot + 2 > vtableSize) {
            return -1;
        }
        int offset = bb.getShort(vtableStart + slot) & 0xFFFF;
        if (offset == 0) {
            return -1;
        }
        if (offset + size > objectSize) {
            throw ctx.error(bb_pos + offset, what + " field " + id + " lies outside its table");
        }
        return bb_pos + offset;
    }

    boolean has(int id) {
        return field(id, 1) >= 0;
    }

    byte getByte(int id, byte defaultValue) {
        int p = field(id, 1);
        return p < 0 ? defaultValue : bb.get(p);
    }

    int getUbyte(int id, int defaultValue) {
        int p = field(id, 1);
        return p < 0 ? defaultValue : bb.get(p) & 0xFF;
    }

    boolean getBool(int id, boolean defaultValue) {
        int p = field(id, 1);
        return p < 0 ? defaultValue : bb.get(p) != 0;
    }

    int getInt(int id, int defaultValue) {
        int p = field(id, 4);
        return p < 0 ? defaultValue : bb.getInt(p);
    }

    long getUint(int id, long defaultValue) {
        int p = field(id, 4);
        return p < 0 ? defaultValue : bb.getInt(p) & 0xFFFF_FFFFL;
    }

    long getLong(int id, long defaultValue) {
        int p = field(id, 8);
        return p < 0 ? defaultValue : bb.getLong(p);
    }

    float getFloat(int id, float defaultValue) {
        int p = field(id, 4);
        return p < 0 ? defaultValue : bb.getFloat(p);
    }

    /** Follows the uoffset stored in a field; -1 when the field is absent. */
    private long target(int id, String label) {
        int p = field(id, 4);
        if (p < 0) {
            return -1;
        }
        long t = p + (bb.getInt(p) & 0xFFFF_FFFFL);
        ctx.checkRange(t, 4, what + " " + label);
        return t;
    }

    /** A sub-table, or null when the field is absent. */
    FlatTable table(int id, String label) {
        long t = target(id, label);
        return t < 0 ? null : new FlatTable(ctx, (int) t, what + " " + label);
    }

    /** A string field, or null when absent. Malformed UTF-8 is replaced, not fatal. */
    String string(int id, String label) {
        long t = target(id, label);
        if (t < 0) {
            return null;
        }
        long length = ctx.getUint(t, what + " " + label + " length");
        ctx.checkRange(t + 4, length, what + " " + label);
        ctx.charge(length, t, what + " " + label);
        byte[] utf8 = new byte[(int) length];
        ctx.bytes().get((int) t + 4, utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Checks a vector field and returns {start of elements, length}, or null when absent. */
    private long[] vector(int id, int elementSize, String label) {
        long t = target(id, label);
        if (t < 0) {
            return null;
        }
        long length = ctx.getUint(t, what + " " + label + " length");
        ctx.checkRange(t + 4, length * elementSize, what + " " + label + " (" + length + " elements)");
        return new long[] {t + 4, length};
    }

    int vectorLength(int id, String label) {
        long[] v = vector(id, 1, label);
        return v == null ? 0 : (int) v[1];
    }

    int[] ints(int id, String label) {
        long[] v = vector(id, 4, label);
        if (v == null) {
            return null;
        }
        ctx.charge(v[1], v[0], what + " " + label);
        int[] out = new int[(int) v[1]];
        for (int i = 0; i < out.length; i++) {
            out[i] = bb.getInt((int) v[0] + 4 * i);
        }
        return out;
    }

    long[] longs(int id, String label) {
        long[] v = vector(id, 8, label);
        if (v == null) {
            return null;
        }
        ctx.charge(v[1], v[0], what + " " + label);
        long[] out = new long[(int) v[1]];
        for (int i = 0; i < out.length; i++) {
            out[i] = bb.getLong((int) v[0] + 8 * i);
        }
        return out;
    }

    float[] floats(int id, String label) {
        long[] v = vector(id, 4, label);
        if (v == null) {
            return null;
        }
        ctx.charge(v[1], v[0], what + " " + label);
        float[] out = new float[(int) v[1]];
        for (int i = 0; i < out.length; i++) {
            out[i] = bb.getFloat((int) v[0] + 4 * i);
        }
        return out;
    }

    boolean[] bools(int id, String label) {
        long[] v = vector(id, 1, label);
        if (v == null) {
            return null;
        }
        ctx.charge(v[1], v[0], what + " " + label);
        boolean[] out = new boolean[(int) v[1]];
        for (int i = 0; i < out.length; i++) {
            out[i] = bb.get((int) v[0] + i) != 0;
        }
        return out;
    }

    /** A read-only little-endian view of a ubyte vector (no copy), or null when absent. */
    ByteBuffer bytes(int id, String label) {
        long[] v = vector(id, 1, label);
        if (v == null) {
            return null;
        }
        ByteBuffer view = ctx.bytes().duplicate();
        view.limit((int) (v[0] + v[1])).position((int) v[0]);
        return view.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Number of entries of a vector of tables (0 when absent). */
    int tableCount(int id, String label) {
        long[] v = vector(id, 4, label);
        if (v == null) {
            return 0;
        }
        ctx.charge(v[1], v[0], what + " " + label);
        return (int) v[1];
    }

    /** Entry {@code index} of a vector of tables; the caller checked index against tableCount. */
    FlatTable tableAt(int id, int index, String label) {
        long[] v = vector(id, 4, label);
        long slot = v[0] + 4L * index;
        long t = slot + ctx.getUint(slot, label);
        ctx.checkRange(t, 4, label);
        return new FlatTable(ctx, (int) t, label);
    }
}
