package dev.vela.runtime.testing;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes protobuf wire data field by field, for building tiny ONNX files in tests. */
public final class Proto {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    /** @return an empty message */
    public static Proto message() {
        return new Proto();
    }

    /** Appends a string field. */
    public Proto str(int field, String value) {
        return write(() -> out.writeString(field, value));
    }

    /** Appends a varint field. */
    public Proto i64(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    /** Appends a fixed32 float field. */
    public Proto f32(int field, float value) {
        return write(() -> out.writeFloat(field, value));
    }

    /** Appends a bytes field. */
    public Proto bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    /** Appends a nested message. */
    public Proto msg(int field, Proto value) {
        return bytes(field, value.toBytes());
    }

    /** Appends a packed repeated varint field. */
    public Proto packed(int field, long... values) {
        Proto body = new Proto();
        for (long v : values) {
            body.write(() -> body.out.writeInt64NoTag(v));
        }
        return bytes(field, body.toBytes());
    }

    /** Appends a packed repeated float field. */
    public Proto packedFloats(int field, float... values) {
        Proto body = new Proto();
        for (float v : values) {
            body.write(() -> body.out.writeFloatNoTag(v));
        }
        return bytes(field, body.toBytes());
    }

    /** @return the serialized message */
    public byte[] toBytes() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private Proto write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
