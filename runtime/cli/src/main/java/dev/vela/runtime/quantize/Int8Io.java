package dev.vela.runtime.quantize;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --int8-io}: after the static rewrite, a float graph input read only by its QuantizeLinear becomes an int8
 * input (the calibrated parameters, declared on the input), and a graph output written by a DequantizeLinear of an
 * int8 value becomes that int8 output, under the graph's names. Inputs or outputs that also have float uses stay
 * float. The caller quantizes inputs and dequantizes outputs itself, as with TFLite's fully-int8 models.
 */
public final class Int8Io {

    private Int8Io() {}

    /**
     * @param graph a graph from {@link StaticQuantizer}
     * @return the graph with int8 inputs and outputs where the boundary allows it
     */
    public static Graph apply(Graph graph) {
        Map<String, String> rename = new HashMap<>();
        Map<String, Integer> readers = new HashMap<>();
        for (GraphNode n : graph.nodes()) {
            for (String in : n.inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        List<GraphNode> dropped = new ArrayList<>();
        List<ValueSpec> inputs = new ArrayList<>();
        Map<String, ValueSpec> valueInfo = new LinkedHashMap<>(graph.valueInfo());
        for (ValueSpec in : graph.inputs()) {
            Optional<GraphNode> q = graph.nodes().stream()
                    .filter(n -> n.op().name().equals("QuantizeLinear")
                            && n.inputs().size() == 1
                            && n.inputs().get(0).equals(in.name()))
                    .findFirst();
            boolean onlyReader = readers.getOrDefault(in.name(), 0) == 1
                    && graph.outputs().stream().noneMatch(o -> o.name().equals(in.name()));
            if (q.isPresent()
                    && onlyReader
                    && q.get()
                            .declaredOutput(0)
                            .flatMap(ValueSpec::quantization)
                            .isPresent()) {
                ValueSpec spec = q.get().declaredOutput(0).get().withName(in.name());
                inputs.add(spec);
                rename.put(q.get().outputs().get(0), in.name());
                valueInfo.remove(q.get().outputs().get(0));
                dropped.add(q.get());
            } else {
                inputs.add(in);
            }
        }
        List<ValueSpec> outputs = new ArrayList<>();
        for (ValueSpec out : graph.outputs()) {
            Optional<GraphNode> dq = graph.nodes().stream()
                    .filter(n -> n.op().name().equals("DequantizeLinear")
                            && n.outputs().equals(List.of(out.name())))
                    .findFirst();
            ValueSpec int8 = dq.map(n -> valueInfo.get(n.inputs().get(0))).orElse(null);
            boolean onlyOutput = readers.getOrDefault(out.name(), 0) == 0;
            if (int8 != null && onlyOutput && int8.quantization().isPresent()) {
                outputs.add(int8.withName(out.name()));
                rename.put(dq.get().inputs().get(0), out.name());
                valueInfo.remove(dq.get().inputs().get(0));
                valueInfo.remove(out.name());
                dropped.add(dq.get());
            } else {
                outputs.add(out);
            }
        }
        List<GraphNode> nodes = new ArrayList<>();
        for (GraphNode n : graph.nodes()) {
            if (dropped.contains(n)) {
                continue;
            }
            List<String> ins =
                    n.inputs().stream().map(v -> rename.getOrDefault(v, v)).toList();
            List<String> outs =
                    n.outputs().stream().map(v -> rename.getOrDefault(v, v)).toList();
            List<ValueSpec> declared = new ArrayList<>();
            for (int i = 0; i < n.declaredOutputs().size(); i++) {
                declared.add(n.declaredOutputs().get(i).withName(outs.get(i)));
            }
            nodes.add(new GraphNode(n.name(), n.op(), n.opsetVersion(), n.attributes(), ins, outs, declared));
        }
        return new Graph(graph.name(), inputs, outputs, graph.initializers(), valueInfo, nodes);
    }
}
