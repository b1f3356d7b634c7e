package dev.vela.runtime.pack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code .vela} package says about itself besides the graph.
 *
 * @param producer the tool and version that wrote it, e.g. {@code vela 0.1.0}
 * @param sourceName the file name (no directory) of the model it was converted from
 * @param sourceSha256 hex SHA-256 of that model file
 * @param descriptions free-text description per graph input or output name
 * @param properties other facts, e.g. the passes applied
 * @param configurations optional named configurations (e.g. a provider target and its options), each a set of
 *     key/value settings
 */
public record PackageMetadata(
        String producer,
        String sourceName,
        String sourceSha256,
        Map<String, String> descriptions,
        Map<String, String> properties,
        Map<String, Map<String, String>> configurations) {

    /** Copies the maps, keeping their order. */
    public PackageMetadata {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(sourceSha256, "sourceSha256");
        descriptions = Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        configurations.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        configurations = Collections.unmodifiableMap(copy);
    }

    /**
     * @param producer the writing tool
     * @param sourceName the source model's file name
     * @param sourceSha256 the source model's hash
     * @return metadata with no descriptions, properties or configurations
     */
    public static PackageMetadata of(String producer, String sourceName, String sourceSha256) {
        return new PackageMetadata(producer, sourceName, sourceSha256, Map.of(), Map.of(), Map.of());
    }
}
