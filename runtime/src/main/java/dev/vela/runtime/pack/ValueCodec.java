package dev.vela.runtime.pack;

import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.validate.TensorLimits;
import dev.vela.spi.AttributeType;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Encodes the graph section's building blocks: value declarations (element type, shape, quantization), tensor types
 * and attributes. Element types are stored by label, so reordering {@link DataType} cannot change a file's meaning.
 */
final class ValueCodec {

    private ValueCodec() {}

    static void writeSpec(SectionOut out, ValueSpec v) {
        out.string(v.name());
        out.optionalString(v.dataType() == null ? null : v.dataType().label());
        out.i32(v.hasShape() ? v.rank() : -1);
        if (v.hasShape()) {
            for (int i = 0; i < v.rank(); i++) {
                out.i64(v.dim(i));
                out.optionalString(v.dimName(i));
            }
        }
        writeQuantization(out, v.quantization().orElse(null));
    }

    static ValueSpec readSpec(SectionIn in) {
        String name = in.string();
        DataType type = dataType(in, in.optionalString());
        int rank = in.i32();
        long[] dims = null;
        String[] dimNames = null;
        if (rank >= 0) {
            dims = new long[rankChecked(in, rank)];
            dimNames = new String[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = in.i64();
                dimNames[i] = in.optionalString();
            }
        } else if (rank != -1) {
            throw in.error("corrupt rank " + rank + " of value '" + name + "'");
        }
        return new ValueSpec(name, type, dims, dimNames, readQuantization(in));
    }

    private static int rankChecked(SectionIn in, int rank) {
        if (rank > 64) {
            throw in.error("corrupt rank " + rank);
        }
        return rank;
    }

    static void writeQuantization(SectionOut out, Quantization q) {
        out.u8(q == null ? 0 : 1);
        if (q != null) {
            out.i32(q.isPerAxis() ? q.axis() : -1);
            out.floats(q.scales());
            out.longs(q.zeroPoints());
        }
    }

    static Quantization readQuantization(SectionIn in) {
        if (in.u8() == 0) {
            return null;
        }
        int axis = in.i32();
        float[] scales = in.floats();
        long[] zeroPoints = in.longs();
        if (scales.length != zeroPoints.length || scales.length == 0) {
            throw in.error(
                    "corrupt quantization: " + scales.length + " scales and " + zeroPoints.length + " zero points");
        }
        try {
            return axis < 0
                    ? Quantization.perTensor(scales[0], zeroPoints[0])
                    : Quantization.perAxis(axis, scales, zeroPoints);
        } catch (IllegalArgumentException e) {
            throw in.error("corrupt quantization (" + e.getMessage() + ")");
        }
    }

    static void writeType(SectionOut out, TensorType t) {
        out.string(t.dataType().label());
        out.longs(t.shape().toLongArray());
        writeQuantization(out, t.quantization().orElse(null));
    }

    static TensorType readType(SectionIn in) {
        DataType type = dataType(in, in.string());
        long[] dims = in.longs();
        for (long d : dims) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw in.error("corrupt tensor dimension " + d);
            }
        }
        Quantization q = readQuantization(in);
        if (TensorLimits.elements(dims) >= 0 && type.storageBytes(TensorLimits.elements(dims)) > TensorLimits.MAX) {
            throw in.error("corrupt tensor type: " + type.label() + java.util.Arrays.toString(dims)
                    + " needs more than 2^31-1 bytes");
        }
        Shape shape = Shape.of(dims);
        try {
            return q == null ? TensorType.of(type, shape) : TensorType.quantized(type, shape, q);
        } catch (IllegalArgumentException e) {
            throw in.error("corrupt tensor type " + type.label() + shape + " (" + e.getMessage() + ")");
        }
    }

    private static DataType dataType(SectionIn in, String label) {
        if (label == null) {
            return null;
        }
        try {
            return DataType.fromLabel(label);
        } catch (RuntimeException e) {
            throw in.error("unknown element type '" + label + "'");
        }
    }

    static void writeAttributes(SectionOut out, Attributes a) {
        out.i32(a.names().size());
        for (String name : a.names()) {
            AttributeType type = a.typeOf(name);
            out.string(name);
            out.u8(type.ordinal());
            switch (type) {
                case INT -> out.i64(a.getLong(name));
                case FLOAT -> out.f32(a.getFloat(name));
                case STRING -> out.string(a.getString(name));
                case INTS -> out.longs(a.getLongs(name));
                case FLOATS -> out.floats(a.getFloats(name));
                case STRINGS -> {
                    List<String> s = a.getStrings(name);
                    out.i32(s.size());
                    s.forEach(out::string);
                }
                case TENSOR -> {
                    Tensor t = a.getTensor(name);
                    writeType(out, t.type());
                    out.bytes(t.toByteArray());
                }
                default -> throw new IllegalStateException("attribute type " + type);
            }
        }
    }

    static Attributes readAttributes(SectionIn in) {
        int n = in.count("attribute", 6);
        Attributes.Builder b = Attributes.builder();
        AttributeType[] types = AttributeType.values();
        for (int i = 0; i < n; i++) {
            String name = in.string();
            int tag = in.u8();
            if (tag >= types.length) {
                throw in.error("unknown attribute type " + tag + " of attribute '" + name + "'");
            }
            switch (types[tag]) {
                case INT -> b.put(name, in.i64());
                case FLOAT -> b.put(name, in.f32());
                case STRING -> b.put(name, in.string());
                case INTS -> b.put(name, in.longs());
                case FLOATS -> b.put(name, in.floats());
                case STRINGS -> {
                    int count = in.count("string", 4);
                    String[] s = new String[count];
                    for (int k = 0; k < count; k++) {
                        s[k] = in.string();
                    }
                    b.put(name, List.of(s));
                }
                case TENSOR -> {
                    TensorType type = readType(in);
                    byte[] bytes = in.bytes();
                    if (bytes.length != type.byteSize()) {
                        throw in.error("tensor attribute '" + name + "' holds " + bytes.length + " bytes, its type "
                                + type + " needs " + type.byteSize());
                    }
                    b.put(
                            name,
                            Tensor.wrap(type, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN))
                                    .asReadOnly());
                }
                default -> throw new IllegalStateException();
            }
        }
        return b.build();
    }
}
