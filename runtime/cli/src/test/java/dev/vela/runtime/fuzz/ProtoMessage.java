package dev.vela.runtime.fuzz;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A protobuf message as a mutable list of fields, decoded with protobuf's {@link CodedInputStream} and re-encoded with
 * {@link CodedOutputStream}, without generated classes: the fuzzer addresses ONNX's fields by their numbers in
 * onnx.proto. A length-delimited field is kept as bytes and decoded as a message only when asked ({@link #nested}).
 */
final class ProtoMessage {

    /** One field occurrence: a varint or fixed value, or bytes (possibly a nested message). */
    static final class Field {
        final int number;
        final int wire;
        long value;
        byte[] bytes;
        ProtoMessage message;

        Field(int number, int wire) {
            this.number = number;
            this.wire = wire;
        }

        Field copy() {
            Field f = new Field(number, wire);
            f.value = value;
            f.bytes = message != null ? message.toBytes() : bytes;
            return f;
        }
    }

    final List<Field> fields = new ArrayList<>();

    static ProtoMessage parse(byte[] data) {
        ProtoMessage m = new ProtoMessage();
        CodedInputStream in = CodedInputStream.newInstance(data);
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                Field f = new Field(WireFormat.getTagFieldNumber(tag), WireFormat.getTagWireType(tag));
                switch (f.wire) {
                    case WireFormat.WIRETYPE_VARINT -> f.value = in.readInt64();
                    case WireFormat.WIRETYPE_FIXED32 -> f.value = in.readFixed32() & 0xFFFF_FFFFL;
                    case WireFormat.WIRETYPE_FIXED64 -> f.value = in.readFixed64();
                    case WireFormat.WIRETYPE_LENGTH_DELIMITED -> f.bytes = in.readByteArray();
                    default -> throw new IOException("group wire type in field " + f.number);
                }
                m.fields.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (Field f : fields) {
                switch (f.wire) {
                    case WireFormat.WIRETYPE_VARINT -> out.writeInt64(f.number, f.value);
                    case WireFormat.WIRETYPE_FIXED32 -> out.writeFixed32(f.number, (int) f.value);
                    case WireFormat.WIRETYPE_FIXED64 -> out.writeFixed64(f.number, f.value);
                    default -> out.writeByteArray(f.number, f.message != null ? f.message.toBytes() : f.bytes);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return the occurrences of a field, in order */
    List<Field> all(int number) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.number == number) {
                out.add(f);
            }
        }
        return out;
    }

    /** @return the nested message of a length-delimited field, decoded once; edits to it are written back */
    static ProtoMessage nested(Field f) {
        if (f.message == null) {
            f.message = parse(f.bytes);
        }
        return f.message;
    }

    /** @return the nested messages of every occurrence of a field */
    List<ProtoMessage> messages(int number) {
        List<ProtoMessage> out = new ArrayList<>();
        for (Field f : all(number)) {
            if (f.wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                out.add(nested(f));
            }
        }
        return out;
    }

    /** Sets a varint field's first occurrence, adding it when absent. */
    void setVarint(int number, long value) {
        for (Field f : fields) {
            if (f.number == number && f.wire == WireFormat.WIRETYPE_VARINT) {
                f.value = value;
                return;
            }
        }
        Field f = new Field(number, WireFormat.WIRETYPE_VARINT);
        f.value = value;
        fields.add(f);
    }

    /** @return the first occurrence of a string field, or "" */
    String string(int number) {
        for (Field f : fields) {
            if (f.number == number && f.wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                return new String(f.bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** Sets a string field's first occurrence. */
    void setString(int number, String value) {
        for (Field f : fields) {
            if (f.number == number && f.wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                f.bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                f.message = null;
                return;
            }
        }
    }
}
