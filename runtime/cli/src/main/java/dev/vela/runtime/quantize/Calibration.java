package dev.vela.runtime.quantize;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Runs a float model with the reference kernels over calibration samples and records the range of every float
 * value (graph inputs and node outputs): the model is run with every such value made a graph output. The percentile
 * method runs the samples twice: once for min/max, once for the histogram over that range.
 */
public final class Calibration {

    private Calibration() {}

    /**
     * @param graph the float graph
     * @param samples the calibration inputs
     * @param method how ranges are chosen
     * @param percentile for {@link CalibrationMethod#PERCENTILE}, the share of values kept (e.g. 99.99)
     * @param progress told the number of runs done after each one (samples, or twice the samples for percentile)
     * @return the chosen real range {min, max} per float value name
     */
    public static Map<String, double[]> ranges(
            Graph graph,
            List<Map<String, Tensor>> samples,
            CalibrationMethod method,
            double percentile,
            IntConsumer progress) {
        return ranges(graph, samples, method, percentile, progress, Partitioner.of(KernelRegistry.reference()));
    }

    /**
     * As {@link #ranges(Graph, List, CalibrationMethod, double, IntConsumer)}, running the graph on given providers:
     * a graph with custom operators calibrates on the plugins that define them.
     *
     * @param graph the float graph
     * @param samples the calibration inputs
     * @param method how ranges are chosen
     * @param percentile the share of values the percentile method keeps
     * @param progress told the number of runs done after each one
     * @param partitioner the providers the graph runs on
     * @return per float value, its range
     */
    public static Map<String, double[]> ranges(
            Graph graph,
            List<Map<String, Tensor>> samples,
            CalibrationMethod method,
            double percentile,
            IntConsumer progress,
            Partitioner partitioner) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one sample");
        }
        Set<String> observed = new LinkedHashSet<>();
        for (ValueSpec in : graph.inputs()) {
            observed.add(in.name());
        }
        for (GraphNode n : graph.nodes()) {
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    observed.add(out);
                }
            }
        }
        List<ValueSpec> outputs = new ArrayList<>();
        for (String name : observed) {
            if (!graph.inputs().stream().anyMatch(v -> v.name().equals(name))) {
                outputs.add(graph.valueInfo()
                        .getOrDefault(
                                name,
                                graph.outputs().stream()
                                        .filter(v -> v.name().equals(name))
                                        .findFirst()
                                        .orElse(ValueSpec.unknown(name))));
            }
        }
        Graph everything = new Graph(
                graph.name(), graph.inputs(), outputs, graph.initializers(), graph.valueInfo(), graph.nodes());
        Map<String, ValueRange> stats = new LinkedHashMap<>();
        int done = 0;
        boolean histogram = method == CalibrationMethod.PERCENTILE;
        try (Session session =
                Model.of(graph.name(), everything, partitioner).newSession().withMemoryPlanning(false)) {
            for (int pass = 0; pass < (histogram ? 2 : 1); pass++) {
                for (Map<String, Tensor> sample : samples) {
                    // calibration samples are independent: no LSTM state carries from one to the next
                    Map<String, Tensor> values =
                            new LinkedHashMap<>(session.reset().run(sample));
                    values.putAll(sample);
                    for (Map.Entry<String, Tensor> e : values.entrySet()) {
                        if (!e.getValue().dataType().isFloatingPoint()) {
                            continue;
                        }
                        ValueRange r = stats.computeIfAbsent(e.getKey(), k -> new ValueRange());
                        if (pass == 0) {
                            r.observe(e.getValue());
                        } else if (r.hasRange()) {
                            r.histogram(e.getValue());
                        }
                    }
                    progress.accept(++done);
                }
            }
        }
        Map<String, double[]> ranges = new LinkedHashMap<>();
        for (Map.Entry<String, ValueRange> e : stats.entrySet()) {
            ValueRange r = e.getValue();
            if (r.hasRange()) {
                ranges.put(e.getKey(), histogram ? r.percentileRange(percentile) : new double[] {r.min(), r.max()});
            }
        }
        return ranges;
    }
}
