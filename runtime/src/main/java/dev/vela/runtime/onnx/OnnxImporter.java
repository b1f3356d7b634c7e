package dev.vela.runtime.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.InvalidGraphException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.validate.GraphValidator;
import dev.vela.spi.Attributes;
import dev.vela.spi.OpId;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports an ONNX {@code ModelProto} into the graph IR, decoding the protobuf wire format by hand (field numbers
 * from onnx.proto). Constant nodes are folded into initializers. Refuses what the runtime does not run with an
 * {@link UnsupportedFeatureException}, and malformed or truncated files with a {@link ModelFormatException} naming
 * the file and the byte offset.
 */
public final class OnnxImporter {

    private OnnxImporter() {}

    /** A node as written in the file, before opsets and names are resolved. */
    private record RawNode(
            String name,
            String opType,
            String domain,
            List<String> inputs,
            List<String> outputs,
            Attributes attributes,
            String refusal) {}

    /** A graph as written in the file. */
    private static final class RawGraph {
        String name = "";
        final List<RawNode> nodes = new ArrayList<>();
        final Map<String, Tensor> initializers = new LinkedHashMap<>();
        final List<ValueSpec> inputs = new ArrayList<>();
        final List<ValueSpec> outputs = new ArrayList<>();
        final Map<String, ValueSpec> valueInfo = new LinkedHashMap<>();
    }

    /**
     * Loads a model file.
     *
     * @param file the .onnx file
     * @return the imported model
     * @throws ModelFormatException when the file is malformed
     * @throws UnsupportedFeatureException when the model uses something the runtime refuses
     */
    public static OnnxModel load(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /**
     * Parses model bytes.
     *
     * @param source the name used in messages (usually the file)
     * @param data the serialized ModelProto
     * @return the imported model
     */
    public static OnnxModel parse(String source, byte[] data) {
        if (data.length == 0) {
            throw new ModelFormatException(source + ": the file is empty, not an ONNX model");
        }
        ProtoReader r = new ProtoReader(source, data);
        try {
            return readModel(r);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(
                    source + ": not a valid ONNX model (" + e.getMessage() + ") at byte offset " + r.offset(), e);
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Lists the op types of the main graph's nodes without importing anything else, for reports about models
     * the importer refuses. Best effort: returns what it found before any problem.
     *
     * @param data the serialized ModelProto
     * @return op types in file order
     */
    public static List<String> scanOpTypes(byte[] data) {
        List<String> ops = new ArrayList<>();
        ProtoReader r = new ProtoReader("scan", data);
        try {
            int tag;
            while ((tag = r.readTag()) != 0) {
                if (ProtoReader.field(tag) == 7 && ProtoReader.wireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    r.nested("graph", g -> scanNodes(g, ops));
                } else {
                    r.skip(tag);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: keep what was found
        }
        return ops;
    }

    private static Void scanNodes(ProtoReader r, List<String> ops) throws IOException {
        int tag;
        while ((tag = r.readTag()) != 0) {
            if (ProtoReader.field(tag) == 1 && ProtoReader.wireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                r.nested("node", n -> {
                    int t;
                    while ((t = n.readTag()) != 0) {
                        if (ProtoReader.field(t) == 4
                                && ProtoReader.wireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            ops.add(n.readString());
                        } else {
                            n.skip(t);
                        }
                    }
                    return null;
                });
            } else {
                r.skip(tag);
            }
        }
        return null;
    }

    private static OnnxModel readModel(ProtoReader r) throws IOException {
        long irVersion = -1;
        Map<String, Long> opsets = new LinkedHashMap<>();
        RawGraph graph = null;
        String producer = "";
        String producerVersion = "";
        int tag;
        while ((tag = r.readTag()) != 0) {
            switch (ProtoReader.field(tag)) {
                case 1 -> {
                    r.expect(tag, WireFormat.WIRETYPE_VARINT);
                    irVersion = r.readInt64();
                }
                case 2 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    producer = r.readString();
                }
                case 3 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    producerVersion = r.readString();
                }
                case 7 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    if (graph != null) {
                        throw r.error("the model holds more than one graph");
                    }
                    graph = r.nested("graph", OnnxImporter::readGraph);
                }
                case 8 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    r.nested("opset_import", x -> readOpset(x, opsets));
                }
                default -> r.skip(tag);
            }
        }
        if (graph == null) {
            throw new ModelFormatException(r.source() + ": no graph found (not an ONNX model, or truncated)"
                    + " after reading " + r.offset() + " bytes");
        }
        if (irVersion < 0) {
            throw new ModelFormatException(r.source() + ": ir_version is missing (not an ONNX model?)");
        }
        if (opsets.isEmpty()) {
            opsets.put("", 1L); // IR versions before 3 had no opset_import and mean opset 1
        }
        OnnxVersionRules.check(r.source(), irVersion, opsets);
        return new OnnxModel(
                buildGraph(graph, opsets, r.source()),
                irVersion,
                Map.copyOf(opsets),
                (producer + " " + producerVersion).trim());
    }

    private static Void readOpset(ProtoReader r, Map<String, Long> opsets) throws IOException {
        String domain = "";
        long version = 0;
        int tag;
        while ((tag = r.readTag()) != 0) {
            switch (ProtoReader.field(tag)) {
                case 1 -> {
                    r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    domain = r.readString();
                }
                case 2 -> {
                    r.expect(tag, WireFormat.WIRETYPE_VARINT);
                    version = r.readInt64();
                }
                default -> r.skip(tag);
            }
        }
        opsets.put(normalizeDomain(domain), version);
        return null;
    }

    private static String normalizeDomain(String domain) {
        return "ai.onnx".equals(domain) ? "" : domain;
    }

    private static RawGraph readGraph(ProtoReader r) throws IOException {
        RawGraph g = new RawGraph();
        int tag;
        while ((tag = r.readTag()) != 0) {
            int field = ProtoReader.field(tag);
            if (field != 10 && field != 14 && field != 16) {
                r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            }
            switch (field) {
                case 1 -> g.nodes.add(r.nested("node", OnnxImporter::readNode));
                case 2 -> g.name = r.readString();
                case 5 -> {
                    OnnxTensorDecoder.NamedTensor t = r.nested("initializer", OnnxTensorDecoder::decode);
                    if (t.name().isEmpty()) {
                        throw r.error("an initializer has no name");
                    }
                    if (g.initializers.putIfAbsent(t.name(), t.tensor()) != null) {
                        throw new InvalidModelException(r.source() + ": initializer '" + t.name()
                                + "' is defined twice (at byte offset " + r.offset() + ")");
                    }
                }
                case 15 ->
                    throw new UnsupportedFeatureException(r.source() + ": sparse initializer '"
                            + r.nested("sparse_initializer", OnnxImporter::sparseName) + "' is not supported");
                case 11 -> g.inputs.add(r.nested("graph input", OnnxValueInfo::read));
                case 12 -> g.outputs.add(r.nested("graph output", OnnxValueInfo::read));
                case 13 -> {
                    ValueSpec v = r.nested("value_info", OnnxValueInfo::read);
                    g.valueInfo.put(v.name(), v);
                }
                default -> r.skip(tag);
            }
        }
        return g;
    }

    /** The name of a SparseTensorProto, which is the name of its values tensor (field 1). */
    private static String sparseName(ProtoReader r) throws IOException {
        String name = "";
        int tag;
        while ((tag = r.readTag()) != 0) {
            if (ProtoReader.field(tag) == 1 && ProtoReader.wireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                name = r.nested("sparse values", x -> {
                    String n = "";
                    int t;
                    while ((t = x.readTag()) != 0) {
                        if (ProtoReader.field(t) == 8
                                && ProtoReader.wireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                            n = x.readString();
                        } else {
                            x.skip(t);
                        }
                    }
                    return n;
                });
            } else {
                r.skip(tag);
            }
        }
        return name;
    }

    private static RawNode readNode(ProtoReader r) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        OnnxAttributes attributes = new OnnxAttributes();
        int tag;
        while ((tag = r.readTag()) != 0) {
            int field = ProtoReader.field(tag);
            switch (field) {
                case 1, 2, 3, 4, 5, 7 -> r.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                default -> {}
            }
            switch (field) {
                case 1 -> inputs.add(r.readString());
                case 2 -> outputs.add(r.readString());
                case 3 -> name = r.readString();
                case 4 -> opType = r.readString();
                case 7 -> domain = r.readString();
                case 5 -> r.nested("attribute", attributes::read);
                default -> r.skip(tag);
            }
        }
        if (opType.isEmpty()) {
            throw r.error("a node" + (name.isEmpty() ? "" : " '" + name + "'") + " has no op_type");
        }
        return new RawNode(
                name, opType, normalizeDomain(domain), inputs, outputs, attributes.build(), attributes.refusal());
    }

    private static Graph buildGraph(RawGraph raw, Map<String, Long> opsets, String source) {
        Map<String, Tensor> initializers = new LinkedHashMap<>(raw.initializers);
        List<GraphNode> nodes = new ArrayList<>(raw.nodes.size());
        Set<String> usedNames = new HashSet<>();
        for (int i = 0; i < raw.nodes.size(); i++) {
            RawNode n = raw.nodes.get(i);
            String name = n.name().isEmpty() ? n.opType() + "_" + i : n.name();
            if (!usedNames.add(name)) {
                name = name + "_" + i;
                usedNames.add(name);
            }
            OpId op = OpId.of(n.domain(), n.opType());
            String described = "node '" + name + "' (" + op + ")";
            if (n.refusal() != null) {
                throw new UnsupportedFeatureException(source + ": " + described + " " + n.refusal());
            }
            Long opset = opsets.get(n.domain());
            if (opset == null) {
                if (n.domain().isEmpty()) {
                    throw new ModelFormatException(source + ": " + described
                            + " uses the default ONNX domain, which the model does not import");
                }
                opset = 1L;
            }
            Attributes attributes = n.attributes().withOwner(described);
            if (op.domain().isEmpty() && op.name().equals("Constant")) {
                if (n.outputs().size() != 1 || n.outputs().get(0).isEmpty()) {
                    throw new ModelFormatException(source + ": " + described + " must have exactly one output");
                }
                if (initializers.put(n.outputs().get(0), ConstantFolding.value(attributes, described, source))
                        != null) {
                    throw new InvalidModelException(source + ": " + described + " produces '"
                            + n.outputs().get(0) + "', which is already an initializer or another Constant's output");
                }
                continue;
            }
            nodes.add(new GraphNode(
                    name, op, (int) Math.min(Integer.MAX_VALUE, opset), attributes, n.inputs(), n.outputs()));
        }
        Graph graph;
        try {
            graph = new Graph(
                    raw.name.isEmpty() ? source : raw.name,
                    raw.inputs,
                    raw.outputs,
                    initializers,
                    raw.valueInfo,
                    nodes);
        } catch (InvalidGraphException e) {
            throw new InvalidGraphException(source + ": " + e.getMessage());
        }
        GraphValidator.check(source, graph);
        return graph;
    }
}
