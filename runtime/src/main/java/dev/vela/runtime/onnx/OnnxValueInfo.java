package dev.vela.runtime.onnx;

import com.google.protobuf.WireFormat;
import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code ValueInfoProto} / {@code TypeProto} into a {@link ValueSpec}. Symbolic dimensions
 * ({@code dim_param}) become unknown sizes with their name kept. Sequence, map, optional and sparse types are
 * refused with an {@link UnsupportedFeatureException} naming the value.
 */
final class OnnxValueInfo {

    private OnnxValueInfo() {}

    /** What a TypeProto declared. */
    private static final class Declared {
        String kind = null;
        int elemType = 0;
        long[] dims = null;
        String[] dimNames = null;
        /** The first negative dim_value and its axis (-1: none); ONNX requires dim_value >= 0. */
        int negativeAxis = -1;

        long negativeDim;
    }

    static ValueSpec read(ProtoReader r) throws IOException {
        String name = "";
        Declared type = null;
        int tag;
        while ((tag = r.readTag()) != 0) {
            switch (ProtoReader.field(tag)) {
                case 1 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    name = r.readString();
                }
                case 2 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    type = r.nested("type", OnnxValueInfo::readType);
                }
                default -> r.skip(tag);
            }
        }
        if (type == null) {
            return ValueSpec.unknown(name);
        }
        if (type.negativeAxis >= 0) {
            throw new InvalidModelException(r.source() + ": value '" + name + "' declares negative dimension "
                    + type.negativeDim + " at axis " + type.negativeAxis + " (dim_value must be >= 0)");
        }
        if (type.kind != null) {
            throw new UnsupportedFeatureException(
                    r.source() + ": value '" + name + "' has " + (type.kind.equals("optional") ? "an " : "a ")
                            + type.kind + " type; sequence, map, optional and sparse values are not supported");
        }
        DataType dataType = null;
        if (type.elemType != 0) {
            dataType = OnnxDataTypes.toVela(type.elemType);
            if (dataType == null) {
                throw new UnsupportedFeatureException(r.source() + ": value '" + name + "' has unsupported data type "
                        + OnnxDataTypes.name(type.elemType));
            }
        }
        return new ValueSpec(name, dataType, type.dims, type.dimNames);
    }

    private static Declared readType(ProtoReader r) throws IOException {
        Declared d = new Declared();
        int tag;
        while ((tag = r.readTag()) != 0) {
            switch (ProtoReader.field(tag)) {
                case 1 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    r.nested("tensor_type", x -> readTensorType(x, d));
                }
                // nested element types are skipped, not parsed: these kinds are refused anyway
                case 4 -> {
                    d.kind = "sequence";
                    r.skip(tag);
                }
                case 5 -> {
                    d.kind = "map";
                    r.skip(tag);
                }
                case 8 -> {
                    d.kind = "sparse tensor";
                    r.skip(tag);
                }
                case 9 -> {
                    d.kind = "optional";
                    r.skip(tag);
                }
                default -> r.skip(tag);
            }
        }
        return d;
    }

    private static Void readTensorType(ProtoReader r, Declared d) throws IOException {
        int tag;
        while ((tag = r.readTag()) != 0) {
            switch (ProtoReader.field(tag)) {
                case 1 -> {
                    r.expect(tag, WireFormat.WIRETYPE_VARINT);
                    d.elemType = r.readInt32();
                }
                case 2 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    r.nested("shape", x -> readShape(x, d));
                }
                default -> r.skip(tag);
            }
        }
        return null;
    }

    private static Void readShape(ProtoReader r, Declared d) throws IOException {
        List<Long> dims = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int tag;
        while ((tag = r.readTag()) != 0) {
            if (ProtoReader.field(tag) == 1) {
                r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                long[] value = {ValueSpec.UNKNOWN};
                String[] param = {null};
                r.nested("dim", x -> {
                    int t;
                    while ((t = x.readTag()) != 0) {
                        if (ProtoReader.field(t) == 1 && ProtoReader.wireType(t) == WireFormat.WIRETYPE_VARINT) {
                            long v = x.readInt64();
                            if (v < 0 && d.negativeAxis < 0) {
                                d.negativeAxis = dims.size();
                                d.negativeDim = v;
                            }
                            value[0] = v >= 0 ? v : ValueSpec.UNKNOWN;
                        } else if (ProtoReader.field(t) == 2
                                && ProtoReader.wireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            param[0] = x.readString();
                        } else {
                            x.skip(t);
                        }
                    }
                    return null;
                });
                dims.add(value[0]);
                names.add(param[0]);
            } else {
                r.skip(tag);
            }
        }
        d.dims = dims.stream().mapToLong(Long::longValue).toArray();
        d.dimNames = names.toArray(new String[0]);
        return null;
    }
}
