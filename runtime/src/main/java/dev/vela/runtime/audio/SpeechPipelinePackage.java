package dev.vela.runtime.audio;

import dev.vela.runtime.Model;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.pack.PackageFormatException;
import dev.vela.runtime.pack.PackageMetadata;
import dev.vela.runtime.pack.PackageWriter;
import dev.vela.runtime.pack.PinnedDefinition;
import dev.vela.runtime.pack.PipelinePackage;
import dev.vela.runtime.pack.PipelineWriter;
import dev.vela.runtime.pack.VelaPackage;
import dev.vela.runtime.partition.DefinedOperators;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A speech pipeline as one {@code .vela} pipeline package ({@link PipelinePackage}): the feature model and the
 * classifier as members {@value #FEATURES} and {@value #CLASSIFIER}, the {@link SpeechPipelineSpec} keys (with member
 * names for the models) plus {@code kind = speech}, the link {@code features.output} / {@code classifier.input} (which
 * output's stacked rows feed which input), and the custom-operator definitions the models need, pinned by version
 * and schema hash.
 */
public final class SpeechPipelinePackage {

    /** Member name of the feature model. */
    public static final String FEATURES = "features";

    /** Member name of the classifier. */
    public static final String CLASSIFIER = "classifier";

    /** Written as each imported member's producer. */
    static final String PRODUCER = "vela 0.1.0 pack-pipeline";

    /** The manifest's {@code kind} for a speech pipeline. */
    public static final String KIND = "speech";

    private SpeechPipelinePackage() {}

    /**
     * Packs a pipeline. Models given as ONNX or TFLite are imported as they are (no passes: convert them first with
     * {@code vela convert} and point the description at the {@code .vela} files to pack optimised graphs, which are
     * then embedded byte for byte).
     *
     * @param spec        the description
     * @param partitioner the providers: every custom operator the models use must be defined by one of them, and its
     *                    definition (version, schema hash) is pinned in the package
     * @param target      the package to write
     * @return the number of bytes written
     * @throws IOException if a file cannot be read or written
     * @throws dev.vela.runtime.error.UnsupportedOperatorException if a model needs a custom operator no provider defines
     * @throws IllegalArgumentException if a model does not fit its place in the pipeline
     */
    public static long write(SpeechPipelineSpec spec, Partitioner partitioner, Path target) throws IOException {
        Model features = Model.load(spec.featureModel(), partitioner);
        Model classifier = Model.load(spec.classifierModel(), partitioner);
        new SpeechPipeline(spec, features, classifier); // checks each model fits its place before anything is written
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put(FEATURES, memberBytes(spec.featureModel(), features.graph(), target, partitioner));
        members.put(CLASSIFIER, memberBytes(spec.classifierModel(), classifier.graph(), target, partitioner));
        List<PinnedDefinition> pins = new ArrayList<>();
        pins.addAll(pins(FEATURES, features.graph(), partitioner.definitions()));
        pins.addAll(pins(CLASSIFIER, classifier.graph(), partitioner.definitions()));
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("kind", KIND);
        configuration.putAll(spec.keys(FEATURES, CLASSIFIER));
        configuration.put("features.output", features.outputs().get(0).name());
        configuration.put("classifier.input", classifier.inputs().get(0).name());
        return PipelineWriter.write(target, configuration, members, pins);
    }

    /**
     * @param file        a pipeline package of kind speech
     * @param partitioner the providers the models run on
     * @return the pipeline
     * @throws IOException if the file cannot be read
     * @throws PackageFormatException if it is malformed, of another kind, or its link names no output or input
     * @throws dev.vela.runtime.error.UnsupportedOperatorException if a pinned definition is not admitted as pinned
     */
    public static SpeechPipeline load(Path file, Partitioner partitioner) throws IOException {
        return load(PipelinePackage.read(file), partitioner);
    }

    /**
     * @param pkg         a pipeline package of kind speech
     * @param partitioner the providers the models run on
     * @return the pipeline
     */
    public static SpeechPipeline load(PipelinePackage pkg, Partitioner partitioner) {
        String kind = pkg.manifest().get("kind");
        if (!KIND.equals(kind)) {
            throw new PackageFormatException(pkg.source() + ": manifest key 'kind' is '" + kind + "', a speech pipeline"
                    + " needs '" + KIND + "'");
        }
        pkg.requireDefinitions(partitioner.definitions());
        SpeechPipelineSpec spec = SpeechPipelineSpec.of(pkg.source(), pkg.manifest(), Path::of);
        Model features = member(pkg, spec.featureModel().toString(), partitioner);
        Model classifier = member(pkg, spec.classifierModel().toString(), partitioner);
        requireName(
                pkg,
                "features.output",
                features.outputs().stream().map(v -> v.name()).toList());
        requireName(
                pkg,
                "classifier.input",
                classifier.inputs().stream().map(v -> v.name()).toList());
        try {
            return new SpeechPipeline(spec, features, classifier);
        } catch (IllegalArgumentException e) {
            throw new PackageFormatException(pkg.source() + ": " + e.getMessage());
        }
    }

    private static Model member(PipelinePackage pkg, String name, Partitioner partitioner) {
        VelaPackage member = pkg.member(name);
        return Model.of(pkg.source() + "!" + name, member.graph(), partitioner);
    }

    private static void requireName(PipelinePackage pkg, String key, List<String> names) {
        String v = pkg.manifest().get(key);
        if (v == null || !names.contains(v)) {
            throw new PackageFormatException(
                    pkg.source() + ": manifest key '" + key + "' is '" + v + "', the model has " + names);
        }
    }

    /** A .vela model is embedded byte for byte; another is imported and written as a package. */
    private static byte[] memberBytes(Path model, Graph graph, Path target, Partitioner partitioner)
            throws IOException {
        if (VelaPackage.isPackage(model)) {
            return Files.readAllBytes(model);
        }
        byte[] source = Files.readAllBytes(model);
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".member-", ".vela");
        try {
            PackageMetadata meta = new PackageMetadata(
                    PRODUCER, model.getFileName().toString(), sha256(source), Map.of(), Map.of("passes", ""), Map.of());
            PackageWriter.write(temp, graph, meta, partitioner.definitions());
            return Files.readAllBytes(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The definition each custom node follows, once per (operator, version). */
    static List<PinnedDefinition> pins(String member, Graph graph, DefinedOperators defined) {
        Set<String> seen = new LinkedHashSet<>();
        List<PinnedDefinition> pins = new ArrayList<>();
        for (GraphNode n : graph.nodes()) {
            if (n.op().domain().isEmpty()
                    || KernelRegistry.reference().find(n.op()).isPresent()) {
                continue;
            }
            // a provider may run a custom operator without defining it (a factory only): nothing to pin then
            defined.forNode(n.op(), n.opsetVersion()).ifPresent(d -> {
                if (seen.add(n.op() + "@" + d.definition().version())) {
                    pins.add(new PinnedDefinition(
                            n.op(), d.definition().version(), d.definition().schemaHash(), member));
                }
            });
        }
        return pins;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
