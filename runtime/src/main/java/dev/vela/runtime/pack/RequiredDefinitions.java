package dev.vela.runtime.pack;

import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.partition.DefinedOperators;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.OpId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The custom operators a packaged model needs (docs/architecture.md D12): every operator of its nodes that the reference
 * does not define, at the opset version the node declares, recorded in the package's properties under {@value #KEY}
 * as {@code domain:name@version} joined by commas, so a device can tell which plugin definitions to install before
 * loading it.
 */
public final class RequiredDefinitions {

    /** The property holding the list. */
    public static final String KEY = "required.definitions";

    /** Prefix of the properties pinning a definition's schema hash, followed by {@code domain:name@version}. */
    public static final String SCHEMA_PREFIX = "required.schema.";

    private RequiredDefinitions() {}

    /**
     * Refuses a package whose pinned definition an admitted provider defines with another schema (a provider that does
     * not define it at all is left to the load's operator check, which names the missing plugin).
     *
     * @param source the package's name for messages
     * @param metadata its metadata
     * @param defined what the admitted providers define
     * @throws UnsupportedOperatorException naming the operator and both schema hashes
     */
    public static void requireSchemas(String source, PackageMetadata metadata, DefinedOperators defined) {
        for (Map.Entry<String, String> e : metadata.properties().entrySet()) {
            if (!e.getKey().startsWith(SCHEMA_PREFIX)) {
                continue;
            }
            String pinned = e.getKey().substring(SCHEMA_PREFIX.length());
            int at = pinned.lastIndexOf('@');
            int version;
            try {
                version = Integer.parseInt(pinned.substring(at + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException bad) {
                throw new PackageFormatException(source + ": corrupt property '" + e.getKey() + "'");
            }
            OpId op = OpId.parse(pinned.substring(0, at));
            defined.versions(op).stream()
                    .filter(d -> d.definition().version() == version)
                    .findFirst()
                    .filter(d -> !d.definition().schemaHash().equals(e.getValue()))
                    .ifPresent(d -> {
                        throw new UnsupportedOperatorException(source + ": the package was converted for "
                                + op + " v" + version + " with schema " + abbreviate(e.getValue())
                                + ", but the admitted "
                                + "definition " + d.describe() + " has another schema: convert the model again with "
                                + "this plugin or load the plugin it was converted with");
                    });
        }
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /**
     * @param graph the packaged graph
     * @return e.g. {@code com.acme:Scale@1,tflite:SignalWindow@1}, empty when the reference defines every operator
     */
    public static String of(Graph graph) {
        TreeSet<String> needed = new TreeSet<>();
        for (GraphNode n : graph.nodes()) {
            if (!n.op().domain().isEmpty()
                    && KernelRegistry.reference().find(n.op()).isEmpty()) {
                needed.add(n.op() + "@" + n.opsetVersion());
            }
        }
        return String.join(",", needed);
    }

    /** The metadata with the list recorded (replacing any stale one), or unchanged when nothing is needed. */
    static PackageMetadata record(Graph graph, PackageMetadata metadata) {
        return record(graph, metadata, DefinedOperators.none());
    }

    /**
     * The metadata with the list recorded and, for each needed operator a provider defines, the SHA-256 of the schema
     * of the definition its nodes follow under {@value #SCHEMA_PREFIX}{@code domain:name@version} (replacing stale
     * entries), so a device can refuse a plugin that defines the operator differently.
     */
    static PackageMetadata record(Graph graph, PackageMetadata metadata, DefinedOperators defined) {
        String needed = of(graph);
        Map<String, String> properties = new LinkedHashMap<>(metadata.properties());
        properties.remove(KEY);
        properties.keySet().removeIf(k -> k.startsWith(SCHEMA_PREFIX));
        if (!needed.isEmpty()) {
            properties.put(KEY, needed);
        }
        for (GraphNode n : graph.nodes()) {
            if (!n.op().domain().isEmpty()
                    && KernelRegistry.reference().find(n.op()).isEmpty()) {
                defined.forNode(n.op(), n.opsetVersion())
                        .ifPresent(d -> properties.put(
                                SCHEMA_PREFIX + n.op() + "@" + d.definition().version(),
                                d.definition().schemaHash()));
            }
        }
        if (properties.equals(metadata.properties())) {
            return metadata;
        }
        return new PackageMetadata(
                metadata.producer(),
                metadata.sourceName(),
                metadata.sourceSha256(),
                metadata.descriptions(),
                properties,
                metadata.configurations());
    }
}
