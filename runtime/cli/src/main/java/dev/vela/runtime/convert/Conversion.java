package dev.vela.runtime.convert;

import dev.vela.runtime.Model;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.pack.PackageMetadata;
import dev.vela.runtime.pack.PackageWriter;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Pass;
import dev.vela.runtime.passes.PassManager;
import dev.vela.runtime.passes.PassTiming;
import dev.vela.runtime.plugin.KernelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Converts an ONNX or TFLite model to a {@code .vela} package: import, run the passes, write graph, weights and
 * metadata (producer, source file name and SHA-256, passes applied, input/output declarations).
 *
 * @param before the imported graph
 * @param after the graph written
 * @param timings per pass
 * @param sizeBefore bytes of the source file
 * @param sizeAfter bytes of the package
 */
public record Conversion(Graph before, Graph after, List<PassTiming> timings, long sizeBefore, long sizeAfter) {

    /** Written into every package. */
    public static final String PRODUCER = "vela 0.1.0";

    /**
     * @param source the ONNX or TFLite model
     * @param target the package to write
     * @param passes the passes to run, in order
     * @return what was converted
     * @throws IOException when a file cannot be read or written
     */
    public static Conversion run(Path source, Path target, List<Pass> passes) throws IOException {
        return run(source, target, passes, Map.of(), Map.of());
    }

    /**
     * @param source the ONNX or TFLite model
     * @param target the package to write
     * @param passes the passes to run, in order
     * @param descriptions free-text descriptions of inputs and outputs, by name
     * @param configurations named configurations to store, each a set of settings
     * @return what was converted
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException when a description names no input or output
     */
    public static Conversion run(
            Path source,
            Path target,
            List<Pass> passes,
            Map<String, String> descriptions,
            Map<String, Map<String, String>> configurations)
            throws IOException {
        return run(source, target, passes, descriptions, configurations, Partitioner.of(KernelRegistry.reference()));
    }

    /**
     * Converts a model whose custom operators admitted plugins define: custom nodes are kept (domain, name, opset
     * version, attributes) and the package records each definition they follow (identity, version, schema hash).
     *
     * @param source the ONNX or TFLite model
     * @param target the package to write
     * @param passes the passes to run, in order
     * @param descriptions free-text descriptions of inputs and outputs, by name
     * @param configurations named configurations to store, each a set of settings
     * @param providers the providers the model loads on (the plugins defining its custom operators)
     * @return what was converted
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException when a description names no input or output
     */
    public static Conversion run(
            Path source,
            Path target,
            List<Pass> passes,
            Map<String, String> descriptions,
            Map<String, Map<String, String>> configurations,
            Partitioner providers)
            throws IOException {
        Graph before = Model.load(source, providers).graph();
        for (String name : descriptions.keySet()) {
            boolean known = before.inputs().stream().anyMatch(v -> v.name().equals(name))
                    || before.outputs().stream().anyMatch(v -> v.name().equals(name));
            if (!known) {
                throw new IllegalArgumentException("a description names '" + name + "', which is neither an input nor "
                        + "an output of " + source.getFileName());
            }
        }
        PassManager.Result result = new PassManager(passes).run(before);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("passes", passes.stream().map(Pass::name).collect(Collectors.joining(",")));
        PackageMetadata meta = new PackageMetadata(
                PRODUCER, source.getFileName().toString(), sha256(source), descriptions, properties, configurations);
        long written = PackageWriter.write(target, result.graph(), meta, providers.definitions());
        return new Conversion(before, result.graph(), result.timings(), Files.size(source), written);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
