package dev.vela.runtime.onnx;

import com.google.protobuf.WireFormat;
import dev.vela.spi.Attributes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a node's {@code AttributeProto}s into {@link Attributes}. Attribute kinds the SPI cannot carry
 * (subgraphs, sparse tensors, tensor lists, type protos) are not decoded; the first one is remembered as the
 * node's refusal reason, so the importer can name the node when it refuses it.
 */
final class OnnxAttributes {

    // AttributeProto.AttributeType codes
    private static final int FLOAT = 1;
    private static final int INT = 2;
    private static final int STRING = 3;
    private static final int TENSOR = 4;
    private static final int GRAPH = 5;
    private static final int FLOATS = 6;
    private static final int INTS = 7;
    private static final int STRINGS = 8;
    private static final int TENSORS = 9;
    private static final int GRAPHS = 10;
    private static final int SPARSE_TENSOR = 11;
    private static final int SPARSE_TENSORS = 12;
    private static final int TYPE_PROTO = 13;
    private static final int TYPE_PROTOS = 14;

    private final Attributes.Builder builder = Attributes.builder();
    private String refusal;

    /** Reads one AttributeProto body. */
    Void read(ProtoReader r) throws IOException {
        String name = "";
        int type = 0;
        int seen = 0;
        float f = 0;
        long i = 0;
        byte[] s = null;
        OnnxTensorDecoder.NamedTensor t = null;
        GrowableArrays.Floats floats = new GrowableArrays.Floats();
        GrowableArrays.Longs ints = new GrowableArrays.Longs();
        List<String> strings = new ArrayList<>();
        int tag;
        while ((tag = r.readTag()) != 0) {
            switch (ProtoReader.field(tag)) {
                case 1 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    name = r.readString();
                }
                case 20 -> {
                    r.expect(tag, WireFormat.WIRETYPE_VARINT);
                    type = r.readInt32();
                }
                case 2 -> {
                    r.expect(tag, WireFormat.WIRETYPE_FIXED32);
                    f = r.readFloat();
                    seen = FLOAT;
                }
                case 3 -> {
                    r.expect(tag, WireFormat.WIRETYPE_VARINT);
                    i = r.readInt64();
                    seen = INT;
                }
                case 4 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    s = r.readBytes();
                    seen = STRING;
                }
                case 5 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    t = r.nested("tensor attribute", OnnxTensorDecoder::decode);
                    seen = TENSOR;
                }
                case 7 -> {
                    r.repeated(tag, WireFormat.WIRETYPE_FIXED32, x -> {
                        floats.add(x.readFloat());
                        return null;
                    });
                    seen = FLOATS;
                }
                case 8 -> {
                    r.repeated(tag, WireFormat.WIRETYPE_VARINT, x -> {
                        ints.add(x.readInt64());
                        return null;
                    });
                    seen = INTS;
                }
                case 9 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    strings.add(r.readString());
                    seen = STRINGS;
                }
                case 6 -> {
                    seen = GRAPH;
                    r.skip(tag);
                }
                case 11 -> {
                    seen = GRAPHS;
                    r.skip(tag);
                }
                case 10 -> {
                    seen = TENSORS;
                    r.skip(tag);
                }
                case 22 -> {
                    seen = SPARSE_TENSOR;
                    r.skip(tag);
                }
                case 23 -> {
                    seen = SPARSE_TENSORS;
                    r.skip(tag);
                }
                case 14 -> {
                    seen = TYPE_PROTO;
                    r.skip(tag);
                }
                case 15 -> {
                    seen = TYPE_PROTOS;
                    r.skip(tag);
                }
                default -> r.skip(tag);
            }
        }
        int kind = type != 0 ? type : seen;
        switch (kind) {
            case FLOAT -> builder.put(name, f);
            case INT -> builder.put(name, i);
            case STRING -> builder.put(name, s == null ? "" : new String(s, StandardCharsets.UTF_8));
            case TENSOR -> {
                if (t == null) {
                    throw r.error("tensor attribute '" + name + "' has no tensor");
                }
                builder.put(name, t.tensor());
            }
            case FLOATS -> builder.put(name, floats.toArray());
            case INTS -> builder.put(name, ints.toArray());
            case STRINGS -> builder.put(name, strings);
            case GRAPH, GRAPHS ->
                refuse("has subgraph attribute '" + name + "'; subgraphs (If/Loop/Scan) are not supported");
            case SPARSE_TENSOR, SPARSE_TENSORS -> refuse("has sparse tensor attribute '" + name + "', not supported");
            case TENSORS -> refuse("has tensor-list attribute '" + name + "', not supported");
            case TYPE_PROTO, TYPE_PROTOS -> refuse("has type attribute '" + name + "', not supported");
            case 0 -> {
                // an attribute with no value: only reference attributes inside functions do this; ignore
            }
            default -> refuse("has attribute '" + name + "' of unknown kind " + kind);
        }
        return null;
    }

    private void refuse(String reason) {
        if (refusal == null) {
            refusal = reason;
        }
    }

    Attributes build() {
        return builder.build();
    }

    /** @return why the node cannot be imported, or null */
    String refusal() {
        return refusal;
    }
}
