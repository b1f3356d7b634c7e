package dev.vela.runtime.bench.compare;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Exposes an ONNX model's intermediate values to ONNX Runtime by declaring them as graph outputs, for {@code vela
 * diff --peer}'s per-node table (ONNX Runtime returns graph outputs only). Works on the serialized {@code ModelProto}:
 * the extra outputs are appended as a second {@code graph} field holding only {@code output} entries, which protobuf
 * parsers merge into the first (repeated fields of an embedded message concatenate), so nothing else of the model is
 * re-encoded. Each output is a {@code ValueInfoProto} with its name only; ONNX Runtime takes the type from the node
 * that produces the value.
 */
public final class OnnxGraphOutputs {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_OUTPUT = 2;
    private static final int VALUE_INFO_NAME = 1;

    private OnnxGraphOutputs() {}

    /**
     * @param model a serialized ModelProto
     * @return the values the main graph's nodes produce, in node order (subgraphs of control-flow nodes excluded)
     */
    public static List<String> nodeOutputs(byte[] model) {
        List<String> names = new ArrayList<>();
        for (byte[] graph : fields(model, MODEL_GRAPH)) {
            for (byte[] node : fields(graph, GRAPH_NODE)) {
                for (byte[] output : fields(node, NODE_OUTPUT)) {
                    if (output.length > 0) {
                        names.add(new String(output, java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return names;
    }

    /**
     * @param model a serialized ModelProto
     * @return the main graph's declared outputs
     */
    public static List<String> graphOutputs(byte[] model) {
        List<String> names = new ArrayList<>();
        for (byte[] graph : fields(model, MODEL_GRAPH)) {
            for (byte[] output : fields(graph, GRAPH_OUTPUT)) {
                for (byte[] name : fields(output, VALUE_INFO_NAME)) {
                    names.add(new String(name, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return names;
    }

    /**
     * @param model a serialized ModelProto
     * @param names values to declare as further graph outputs, after the declared ones
     * @return the model with those outputs
     */
    public static byte[] withOutputs(byte[] model, List<String> names) {
        try {
            ByteArrayOutputStream graph = new ByteArrayOutputStream();
            CodedOutputStream g = CodedOutputStream.newInstance(graph);
            for (String name : names) {
                ByteArrayOutputStream info = new ByteArrayOutputStream();
                CodedOutputStream v = CodedOutputStream.newInstance(info);
                v.writeString(VALUE_INFO_NAME, name);
                v.flush();
                g.writeBytes(GRAPH_OUTPUT, ByteString.copyFrom(info.toByteArray()));
            }
            g.flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + graph.size() + 16);
            out.write(model);
            CodedOutputStream o = CodedOutputStream.newInstance(out);
            o.writeBytes(MODEL_GRAPH, ByteString.copyFrom(graph.toByteArray()));
            o.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payloads of every length-delimited occurrence of {@code field} in a message. */
    private static List<byte[]> fields(byte[] message, int field) {
        List<byte[]> found = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(message);
        in.setSizeLimit(Integer.MAX_VALUE);
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) == field
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    found.add(in.readByteArray());
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new EngineException("not a readable ONNX model: " + e.getMessage(), e);
        }
        return found;
    }
}
