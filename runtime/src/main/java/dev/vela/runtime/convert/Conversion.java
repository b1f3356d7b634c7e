package dev.vela.runtime.convert;

import dev.vela.runtime.Model;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.pack.PackageMetadata;
import dev.vela.runtime.pack.PackageWriter;
import dev.vela.runtime.passes.Pass;
import dev.vela.runtime.passes.PassManager;
import dev.vela.runtime.passes.PassTiming;
import java.io.IOException;
import java.io.InputStream;
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
        Graph before = Model.load(source).graph();
        PassManager.Result result = new PassManager(passes).run(before);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("passes", passes.stream().map(Pass::name).collect(Collectors.joining(",")));
        PackageMetadata meta = new PackageMetadata(PRODUCER, source.getFileName().toString(), sha256(source),
                Map.of(), properties, Map.of());
        long written = PackageWriter.write(target, result.graph(), meta);
        return new Conversion(before, result.graph(), result.timings(), Files.size(source), written);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
