package dev.vela.runtime;

import dev.vela.runtime.delegate.DelegationPlan;
import dev.vela.runtime.delegate.DelegationPlanner;
import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.NumericsFlavours;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.onnx.OnnxImporter;
import dev.vela.runtime.pack.PackageReader;
import dev.vela.runtime.pack.RequiredDefinitions;
import dev.vela.runtime.pack.VelaPackage;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.tflite.TfliteImporter;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A loaded model: an immutable graph whose every operator has a kernel factory in some admitted provider, and the
 * {@link Partitioner} that places its nodes. Safe to share between threads; each thread runs it through its own
 * {@link Session}, which holds its own kernels and arena.
 */
public final class Model {

    private final String source;
    private final Graph graph;
    private final Partitioner partitioner;

    /** What delegates took (D13); {@link #executionGraph} runs each partition as one node. */
    private final DelegationPlan delegation;

    private final Graph executionGraph;

    private Model(String source, Graph graph, Partitioner partitioner) {
        this.source = source;
        this.graph = graph;
        this.partitioner = partitioner;
        checkOperators();
        this.delegation =
                partitioner.delegates().isEmpty() ? null : DelegationPlanner.plan(graph, partitioner.delegates());
        boolean delegated = delegation != null && delegation.delegated();
        this.executionGraph = delegated ? delegation.graph() : graph;
        this.partitionerForRuns = delegated ? partitioner.withDelegation(delegation) : partitioner;
    }

    private final Partitioner partitionerForRuns;

    /** @return what the admitted delegates took from this model and why nodes stayed out; empty without delegates */
    public java.util.Optional<DelegationPlan> delegation() {
        return java.util.Optional.ofNullable(delegation);
    }

    /** @return the graph sessions execute: the model's graph with each delegate partition as one node */
    public Graph executionGraph() {
        return executionGraph;
    }

    /** @return the partitioner sessions use (it also places the delegate partitions) */
    public Partitioner executionPartitioner() {
        return partitionerForRuns;
    }

    /**
     * Loads a model with the reference kernels. The format is detected by content (and extension).
     *
     * @param file an ONNX, TFLite or .vela file (TFLite detected by the {@code TFL3} identifier at byte 4, .vela by its
     *     magic; a .vela file is mapped and its weights are not copied)
     * @return the model
     * @throws ModelFormatException when the file is malformed or of an unknown format
     * @throws UnsupportedFeatureException when the model uses a refused data type or feature
     * @throws UnsupportedOperatorException when an operator has no kernel
     */
    public static Model load(Path file) {
        return load(file, Partitioner.of(KernelRegistry.reference()));
    }

    /**
     * Loads a model whose nodes are placed on admitted providers.
     *
     * @param file the model file
     * @param partitioner chooses each node's provider
     * @return the model
     */
    public static Model load(Path file, Partitioner partitioner) {
        if (VelaPackage.isPackage(file)) {
            VelaPackage pkg = readPackage(file);
            RequiredDefinitions.requireSchemas(file.toString(), pkg.metadata(), partitioner.definitions());
            return new Model(file.toString(), pkg.graph(), partitioner);
        }
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (OutOfMemoryError e) {
            throw new ModelFormatException(file + ": too large to load");
        }
        return fromBytes(file.toString(), data, partitioner);
    }

    /**
     * Loads a model from bytes, placing its nodes on admitted providers.
     *
     * @param source the name used in messages
     * @param data the file content
     * @param partitioner chooses each node's provider
     * @return the model
     */
    public static Model fromBytes(String source, byte[] data, Partitioner partitioner) {
        if (VelaPackage.hasMagic(data)) {
            VelaPackage pkg = PackageReader.read(source, ByteBuffer.wrap(data));
            RequiredDefinitions.requireSchemas(source, pkg.metadata(), partitioner.definitions());
            return new Model(source, pkg.graph(), partitioner);
        }
        if (isTflite(source, data)) {
            return new Model(source, TfliteImporter.importBytes(source, data).graph(), partitioner);
        }
        Graph graph;
        try {
            graph = OnnxImporter.parse(source, data).graph();
        } catch (ModelFormatException e) {
            // ONNX files start with ir_version (field 1, varint: byte 0x08); say so when it is not even that
            boolean looksOnnx = source.toLowerCase(Locale.ROOT).endsWith(".onnx") || data.length > 0 && data[0] == 0x08;
            if (looksOnnx) {
                throw e;
            }
            throw new ModelFormatException(
                    source + ": not a recognized model format (neither ONNX nor TFLite): " + e.getMessage(), e);
        }
        return new Model(source, graph, partitioner);
    }

    /**
     * Wraps an already built graph, placing its nodes on admitted providers.
     *
     * @param source the name used in messages
     * @param graph the graph
     * @param partitioner chooses each node's provider
     * @return the model
     */
    public static Model of(String source, Graph graph, Partitioner partitioner) {
        return new Model(source, graph, partitioner);
    }

    /** A .vela package is mapped, not read: its weights stay views on the file. */
    private static VelaPackage readPackage(Path file) {
        try {
            return PackageReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean isTflite(String source, byte[] data) {
        boolean magic = data.length >= 8 && data[4] == 'T' && data[5] == 'F' && data[6] == 'L' && data[7] == '3';
        return magic || source.toLowerCase(Locale.ROOT).endsWith(".tflite");
    }

    private void checkOperators() {
        GraphNode first = null;
        String firstReason = null;
        Set<String> missing = new LinkedHashSet<>();
        for (GraphNode n : graph.nodes()) {
            java.util.Optional<String> reason = partitioner.missingOperator(n.op(), n.opsetVersion());
            if (reason.isPresent()) {
                if (first == null) {
                    first = n;
                    firstReason = reason.get();
                }
                missing.add(n.op().toString());
            }
        }
        if (first == null) {
            return;
        }
        if (!first.op().domain().isEmpty()) {
            // a custom operator: say which plugin is missing rather than which built-in providers lack it
            throw new UnsupportedOperatorException(source + ": " + first.describe() + " uses operator " + first.op()
                    + ": " + firstReason
                    + " (operators no admitted provider can run: " + String.join(", ", missing) + ")");
        }
        throw new UnsupportedOperatorException(source + ": " + first.describe() + " uses operator " + first.op()
                + ", which " + providersText() + " (unsupported operators: "
                + String.join(", ", missing) + ")");
    }

    private String providersText() {
        List<String> ids = partitioner.order();
        return ids.size() == 1
                ? "provider '" + ids.get(0) + "' does not implement"
                : "no admitted provider implements (admitted: " + ids + ")";
    }

    /**
     * The same model with its quantized nodes following another integer numerics flavour (D15): {@code tflm}
     * (TFLite Micro's reference kernels, the default) or {@code tflite} (TFLite 2.20's reference kernels). The flavour
     * becomes the attribute {@value NumericsFlavour#ATTRIBUTE} of every quantized node, so providers see it as part of
     * the node and a converted package keeps it.
     *
     * @param flavour the flavour
     * @return the model with that flavour (this model when it already has it)
     */
    public Model withNumerics(NumericsFlavour flavour) {
        Graph stamped = NumericsFlavours.apply(graph, java.util.Objects.requireNonNull(flavour, "flavour"));
        return stamped == graph ? this : new Model(source, stamped, partitioner);
    }

    /** @return the integer numerics flavour of the model's quantized nodes ({@code tflm} unless set otherwise) */
    public NumericsFlavour numerics() {
        return NumericsFlavours.of(graph);
    }

    /** @return the file or name the model came from */
    public String source() {
        return source;
    }

    /** @return the graph */
    public Graph graph() {
        return graph;
    }

    /** @return the inputs a caller must supply */
    public List<ValueSpec> inputs() {
        return graph.inputs();
    }

    /** @return the outputs a run returns */
    public List<ValueSpec> outputs() {
        return graph.outputs();
    }

    /** @return the partitioner that places the nodes */
    public Partitioner partitioner() {
        return partitioner;
    }

    /**
     * A copy of this model with new input shapes: sizes for free (symbolic) dimensions, or new sizes for fixed ones
     * such as the batch (TFLite's {@code ResizeInputTensor}). The graph is run once on zeros with the new shapes, so a
     * model that cannot take them is refused here with the node that refused; so is a new batch the graph does not
     * carry through to its outputs.
     *
     * @param shapes the new shape of each input to change, by name
     * @return the resized model; this one is unchanged
     * @throws InvalidInputException when an input is unknown, a rank differs, or the model cannot run with the shapes
     */
    public Model withInputShapes(Map<String, Shape> shapes) {
        return new Model(source, InputResize.resize(source, graph, partitioner, shapes), partitioner);
    }

    /** @return a new session; sessions are not thread-safe, create one per thread */
    public Session newSession() {
        return new Session(this);
    }

    @Override
    public String toString() {
        return "Model(" + source + ")";
    }
}
