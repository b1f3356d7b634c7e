package dev.vela.runtime.onnx;

import com.google.protobuf.WireFormat;
import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes an ONNX {@code TensorProto} into a {@link Tensor}: {@code raw_data} (little-endian; int4/uint4 packed two
 * per byte, low nibble first, as the SPI stores them) or the typed repeated
 * fields ({@code float_data}, {@code int32_data}, {@code int64_data}, {@code double_data}, {@code uint64_data}).
 * Refuses external data, string and other unsupported element types with an {@link UnsupportedFeatureException}
 * naming the tensor; inconsistent sizes give a {@link ModelFormatException}.
 */
public final class OnnxTensorDecoder {

    /** A decoded tensor and the name the file gives it (possibly empty). */
    public record NamedTensor(String name, Tensor tensor) {}

    private OnnxTensorDecoder() {}

    /**
     * Reads a file holding one serialized TensorProto (the node suite's {@code input_N.pb} / {@code output_N.pb}).
     *
     * @param file the file
     * @return the tensor and its name
     */
    public static NamedTensor readFile(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        ProtoReader reader = new ProtoReader(file.toString(), data);
        try {
            return decode(reader);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ModelFormatException(
                    file + ": not a valid TensorProto (" + e.getMessage() + ") at byte offset " + reader.offset(), e);
        }
    }

    /** Reads a TensorProto message body (the reader is positioned inside the message). */
    static NamedTensor decode(ProtoReader r) throws IOException {
        int start = r.offset();
        String name = "";
        GrowableArrays.Longs dims = new GrowableArrays.Longs();
        int dataType = 0;
        byte[] raw = null;
        GrowableArrays.Floats floats = new GrowableArrays.Floats();
        GrowableArrays.Longs ints = new GrowableArrays.Longs();
        GrowableArrays.Doubles doubles = new GrowableArrays.Doubles();
        boolean strings = false;
        boolean external = false;
        boolean segment = false;
        int tag;
        while ((tag = r.readTag()) != 0) {
            switch (ProtoReader.field(tag)) {
                case 1 ->
                    r.repeated(tag, WireFormat.WIRETYPE_VARINT, x -> {
                        dims.add(x.readInt64());
                        return null;
                    });
                case 2 -> {
                    r.expect(tag, WireFormat.WIRETYPE_VARINT);
                    dataType = r.readInt32();
                }
                case 3 -> {
                    segment = true;
                    r.skip(tag);
                }
                case 4 ->
                    r.repeated(tag, WireFormat.WIRETYPE_FIXED32, x -> {
                        floats.add(x.readFloat());
                        return null;
                    });
                case 5, 7 ->
                    r.repeated(tag, WireFormat.WIRETYPE_VARINT, x -> {
                        ints.add(x.readInt64());
                        return null;
                    });
                case 11 ->
                    r.repeated(tag, WireFormat.WIRETYPE_VARINT, x -> {
                        ints.add(x.readInt64());
                        return null;
                    });
                case 6 -> {
                    strings = true;
                    r.skip(tag);
                }
                case 8 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    name = r.readString();
                }
                case 9 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    raw = r.readBytes();
                }
                case 10 ->
                    r.repeated(tag, WireFormat.WIRETYPE_FIXED64, x -> {
                        doubles.add(x.readDouble());
                        return null;
                    });
                case 13 -> {
                    external = true;
                    r.skip(tag);
                }
                case 14 -> {
                    r.expect(tag, WireFormat.WIRETYPE_VARINT);
                    if (r.readInt32() == 1) {
                        external = true;
                    }
                }
                default -> r.skip(tag);
            }
        }
        String label = "tensor '" + name + "' in " + r.source();
        if (external) {
            throw new UnsupportedFeatureException(label + " stores its data externally (data_location EXTERNAL);"
                    + " external data is not supported");
        }
        if (segment) {
            throw new UnsupportedFeatureException(
                    label + " is a segment of a larger tensor; segments are not supported");
        }
        DataType type = OnnxDataTypes.toVela(dataType);
        if (type == null || strings) {
            throw new UnsupportedFeatureException(label + " has unsupported data type "
                    + OnnxDataTypes.name(strings && dataType == 0 ? 8 : dataType));
        }
        Shape shape = shapeOf(dims, label, r, start);
        TensorType tensorType = TensorType.of(type, shape);
        long count = shape.elementCount();
        long bytes = type.storageBytes(count);
        if (bytes > Integer.MAX_VALUE) {
            throw new ModelFormatException(label + " declares " + count + " elements, more than a tensor can hold");
        }
        if (raw != null) {
            if (raw.length != bytes) {
                throw new ModelFormatException(label + " has shape " + shape + " of " + type.label() + " (" + bytes
                        + " bytes) but raw_data holds " + raw.length + " bytes (tensor at byte offset " + start + ")");
            }
            checkPadding(raw, count, type, label, start);
            return new NamedTensor(
                    name, Tensor.wrap(tensorType, ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN)));
        }
        int held = switch (type) {
            case FLOAT32 -> floats.size();
            case FLOAT64 -> doubles.size();
            default -> ints.size();
        };
        if (type.isSubByte()) {
            // ONNX stores 4-bit tensors packed in int32_data too: one value per byte of two elements
            if (held != bytes) {
                throw new ModelFormatException(label + " has shape " + shape + " of " + type.label() + " (" + count
                        + " elements packed into " + bytes + " bytes) but int32_data holds " + held
                        + " values (tensor at byte offset " + start + ")");
            }
            byte[] packed = new byte[(int) bytes];
            for (int i = 0; i < packed.length; i++) {
                long v = ints.get(i);
                if (v < 0 || v > 255) {
                    throw new ModelFormatException(label + ": int32_data value " + v + " at " + i
                            + " is not a byte of two packed " + type.label() + " elements");
                }
                packed[i] = (byte) v;
            }
            checkPadding(packed, count, type, label, start);
            return new NamedTensor(
                    name, Tensor.wrap(tensorType, ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN)));
        }
        if (held != count) {
            throw new ModelFormatException(
                    label + " has shape " + shape + " (" + count + " elements) but its typed data" + " field holds "
                            + held + " values (tensor at byte offset " + start + ")");
        }
        Tensor t = Tensor.allocate(tensorType);
        fill(t, type, floats, ints, doubles);
        return new NamedTensor(name, t);
    }

    /**
     * An odd count of packed 4-bit elements leaves the high nibble of the last byte unused; ONNX writes it as zero.
     * Anything else there means the packing is not what the shape says.
     */
    private static void checkPadding(byte[] packed, long count, DataType type, String label, int start) {
        if (type.isSubByte() && count % 2 == 1 && (packed[packed.length - 1] & 0xf0) != 0) {
            throw new ModelFormatException(label + " has " + count + " " + type.label() + " elements, an odd count,"
                    + " but the unused high nibble of its last byte is not zero: the packing does not match the shape"
                    + " (tensor at byte offset " + start + ")");
        }
    }

    private static Shape shapeOf(GrowableArrays.Longs dims, String label, ProtoReader r, int start) {
        long count = 1;
        int[] d = new int[dims.size()];
        for (int i = 0; i < d.length; i++) {
            long v = dims.get(i);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new ModelFormatException(
                        label + " has invalid dimension " + v + " (tensor at byte offset " + start + ")");
            }
            d[i] = (int) v;
            count *= v;
            if (count > Integer.MAX_VALUE) {
                throw new ModelFormatException(
                        label + " declares more than 2^31-1 elements (tensor at byte offset " + start + ")");
            }
        }
        return Shape.of(d);
    }

    private static void fill(
            Tensor t,
            DataType type,
            GrowableArrays.Floats floats,
            GrowableArrays.Longs ints,
            GrowableArrays.Doubles doubles) {
        int n = t.elementCount();
        switch (type) {
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    t.setDouble(i, floats.get(i));
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    t.setDouble(i, doubles.get(i));
                }
            }
            case FLOAT16, BFLOAT16 -> {
                // int32_data holds the 16-bit patterns
                ByteBuffer b = t.bytes();
                for (int i = 0; i < n; i++) {
                    b.putShort(i * 2, (short) ints.get(i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    t.setLong(i, ints.get(i));
                }
            }
        }
    }
}
