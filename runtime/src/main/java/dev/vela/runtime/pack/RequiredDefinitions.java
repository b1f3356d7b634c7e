package dev.vela.runtime.pack;

import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
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

    private RequiredDefinitions() {
    }

    /**
     * @param graph the packaged graph
     * @return e.g. {@code com.acme:Scale@1,tflite:SignalWindow@1}, empty when the reference defines every operator
     */
    public static String of(Graph graph) {
        TreeSet<String> needed = new TreeSet<>();
        for (GraphNode n : graph.nodes()) {
            if (!n.op().domain().isEmpty() && KernelRegistry.reference().find(n.op()).isEmpty()) {
                needed.add(n.op() + "@" + n.opsetVersion());
            }
        }
        return String.join(",", needed);
    }

    /** The metadata with the list recorded (replacing any stale one), or unchanged when nothing is needed. */
    static PackageMetadata record(Graph graph, PackageMetadata metadata) {
        String needed = of(graph);
        if (needed.isEmpty() && !metadata.properties().containsKey(KEY)) {
            return metadata;
        }
        Map<String, String> properties = new LinkedHashMap<>(metadata.properties());
        properties.remove(KEY);
        if (!needed.isEmpty()) {
            properties.put(KEY, needed);
        }
        return new PackageMetadata(metadata.producer(), metadata.sourceName(), metadata.sourceSha256(),
                metadata.descriptions(), properties, metadata.configurations());
    }
}
