package dev.vela.runtime.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.vela.runtime.error.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A thin cursor over protobuf wire data that knows the file it reads (for messages), the byte offset, and how deep
 * it is in nested messages. Every length is checked against the bytes that remain before anything is allocated,
 * and nesting beyond {@link #MAX_DEPTH} is refused, so hostile files fail with a {@link ModelFormatException}
 * instead of an OutOfMemoryError, a StackOverflowError or a hang.
 */
final class ProtoReader {

    /** Deepest message nesting accepted; ONNX models without subgraphs need about six levels. */
    static final int MAX_DEPTH = 64;

    /** Reads the body of a length-delimited message. */
    @FunctionalInterface
    interface Body<T> {
        T read(ProtoReader reader) throws IOException;
    }

    private final String source;
    private final CodedInputStream in;
    private final int baseOffset;
    private int depth;

    ProtoReader(String source, byte[] data) {
        this.source = source;
        this.in = CodedInputStream.newInstance(data);
        this.in.setSizeLimit(Integer.MAX_VALUE);
        this.baseOffset = 0;
        try {
            this.in.pushLimit(data.length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the file (or other source) name used in messages */
    String source() {
        return source;
    }

    /** @return bytes consumed so far */
    int offset() {
        return baseOffset + in.getTotalBytesRead();
    }

    /** @return the next tag, or 0 at the end of the current message */
    int readTag() throws IOException {
        int tag = in.readTag();
        if (tag != 0 && WireFormat.getTagFieldNumber(tag) == 0) {
            throw error("invalid field number 0");
        }
        return tag;
    }

    static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }

    static int wireType(int tag) {
        return WireFormat.getTagWireType(tag);
    }

    long readInt64() throws IOException {
        return in.readInt64();
    }

    int readInt32() throws IOException {
        return in.readInt32();
    }

    float readFloat() throws IOException {
        return in.readFloat();
    }

    double readDouble() throws IOException {
        return in.readDouble();
    }

    String readString() throws IOException {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    byte[] readBytes() throws IOException {
        int length = readLength();
        return in.readRawBytes(length);
    }

    void skip(int tag) throws IOException {
        int wire = wireType(tag);
        if (wire == WireFormat.WIRETYPE_START_GROUP || wire == WireFormat.WIRETYPE_END_GROUP) {
            throw error("unexpected group wire type in field " + field(tag));
        }
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            in.skipRawBytes(readLength());
            return;
        }
        if (!in.skipField(tag)) {
            throw error("unexpected end-group tag");
        }
    }

    /** Reads a length prefix and checks it against the bytes that remain. */
    int readLength() throws IOException {
        int at = offset();
        int length = in.readRawVarint32();
        if (length < 0 || length > in.getBytesUntilLimit()) {
            throw new ModelFormatException(source + ": length " + Integer.toUnsignedString(length) + " at byte offset "
                    + at + " runs past the end of the enclosing message or file (truncated or corrupt)");
        }
        return length;
    }

    /** Reads a nested length-delimited message with {@code body}, which must stop at the end of the message. */
    <T> T nested(String what, Body<T> body) throws IOException {
        int length = readLength();
        if (++depth > MAX_DEPTH) {
            throw error(what + " is nested more than " + MAX_DEPTH + " levels deep");
        }
        int oldLimit = in.pushLimit(length);
        try {
            T value = body.read(this);
            if (!in.isAtEnd()) {
                throw error(what + " was not fully read");
            }
            return value;
        } finally {
            in.popLimit(oldLimit);
            depth--;
        }
    }

    /** Calls {@code element} for each element of a repeated scalar field, packed or not. */
    void repeated(int tag, int elementWireType, Body<Void> element) throws IOException {
        if (wireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED
                && elementWireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int length = readLength();
            int oldLimit = in.pushLimit(length);
            while (!in.isAtEnd()) {
                element.read(this);
            }
            in.popLimit(oldLimit);
        } else if (wireType(tag) == elementWireType) {
            element.read(this);
        } else {
            throw error("field " + field(tag) + " has wire type " + wireType(tag) + ", expected " + elementWireType);
        }
    }

    /** Checks that a scalar field has the expected wire type. */
    void expect(int tag, int wire) throws IOException {
        if (wireType(tag) != wire) {
            throw error("field " + field(tag) + " has wire type " + wireType(tag) + ", expected " + wire);
        }
    }

    ModelFormatException error(String problem) {
        return new ModelFormatException(source + ": " + problem + " (at byte offset " + offset() + ")");
    }
}
