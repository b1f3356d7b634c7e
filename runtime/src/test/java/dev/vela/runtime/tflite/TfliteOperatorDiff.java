package dev.vela.runtime.tflite;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.NumericsFlavours;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operator-level differential test against TFLite: every TFLite operator of a model is run alone through Vela's
 * nodes for it, on the very input tensors TFLite computed (kept by a preserve-all-tensors interpreter), and its
 * output is compared with TFLite's. This isolates which operator differs and by how much, without the
 * amplification a difference undergoes in the layers after it.
 */
final class TfliteOperatorDiff {

    /**
     * One operator's comparison: how many output elements differ and by at most how many units (LSB); for float
     * outputs also the largest difference relative to the largest magnitude of TFLite's output.
     */
    record Result(
            int operator,
            String code,
            long differing,
            long elements,
            long maxUnits,
            double maxRelative,
            boolean floatingPoint) {
        @Override
        public String toString() {
            return code + " #" + operator + ": " + differing + "/" + elements + " elements differ, max " + maxUnits
                    + " LSB";
        }
    }

    private TfliteOperatorDiff() {}

    /**
     * @param imported the imported model
     * @param oracle a preserve-all-tensors oracle of the same model, already run on the inputs of interest
     * @return one result per operator, in model order
     */
    static List<Result> compare(TfliteGraph imported, TfliteOracle oracle) {
        return compare(imported, oracle, NumericsFlavour.TFLM);
    }

    /**
     * @param imported the imported model
     * @param oracle a preserve-all-tensors oracle of the same model, already run on the inputs of interest
     * @param flavour the numerics flavour Vela's nodes follow
     * @return one result per operator, in model order
     */
    static List<Result> compare(TfliteGraph imported, TfliteOracle oracle, NumericsFlavour flavour) {
        Graph graph = NumericsFlavours.apply(imported.graph(), flavour);
        Map<String, ValueSpec> declared = declaredValues(imported);
        List<Result> results = new ArrayList<>();
        TfliteSubgraph subgraph = imported.model().mainSubgraph();
        for (TfliteOperator op : subgraph.operators()) {
            String code = imported.model().operatorCode(op).name();
            String base = code + "_" + op.index();
            List<GraphNode> group = graph.nodes().stream()
                    .filter(n -> n.name().equals(base) || n.name().startsWith(base + "/"))
                    .toList();
            Set<String> produced = new LinkedHashSet<>();
            group.forEach(n -> produced.addAll(n.outputs()));
            Map<String, Tensor> feed = new LinkedHashMap<>();
            List<ValueSpec> inputs = new ArrayList<>();
            for (GraphNode n : group) {
                for (String in : n.inputs()) {
                    if (in.isEmpty()
                            || produced.contains(in)
                            || graph.initializers().containsKey(in)
                            || feed.containsKey(in)) {
                        continue;
                    }
                    int tensor = imported.tensorValues().indexOf(in);
                    TensorType type = imported.valueTypes().get(in);
                    Tensor t = Tensor.allocate(type);
                    t.bytes().put(oracle.tensorBytes(tensor));
                    feed.put(in, t);
                    inputs.add(ValueSpec.unknown(in));
                }
            }
            int outTensor = op.outputs()[0];
            String out = imported.tensorValues().get(outTensor);
            Graph alone = new Graph(base, inputs, List.of(declared.get(out)), graph.initializers(), declared, group);
            Tensor mine;
            try (Session s = Model.of(base, alone, Partitioner.of(KernelRegistry.reference()))
                    .newSession()) {
                mine = s.run(feed).get(out);
            }
            results.add(difference(op.index(), code, mine, oracle.tensorBytes(outTensor)));
        }
        return results;
    }

    private static Map<String, ValueSpec> declaredValues(TfliteGraph imported) {
        Map<String, ValueSpec> specs = new LinkedHashMap<>();
        imported.valueTypes()
                .forEach((name, type) -> specs.put(
                        name,
                        new ValueSpec(
                                name,
                                type.dataType(),
                                type.shape().toLongArray(),
                                null,
                                type.quantization().orElse(null))));
        return specs;
    }

    private static Result difference(int op, String code, Tensor mine, byte[] theirs) {
        Tensor ref = Tensor.allocate(TensorType.of(mine.dataType(), mine.shape()));
        ref.bytes().put(theirs);
        long differing = 0;
        long max = 0;
        double largest = 0;
        double largestDifference = 0;
        if (mine.dataType().isFloatingPoint()) {
            for (int i = 0; i < mine.elementCount(); i++) {
                largest = Math.max(largest, Math.abs(ref.getDouble(i)));
                largestDifference = Math.max(largestDifference, Math.abs(mine.getDouble(i) - ref.getDouble(i)));
            }
        }
        for (int i = 0; i < mine.elementCount(); i++) {
            long d = mine.dataType().isFloatingPoint()
                    ? (Math.abs(mine.getDouble(i) - ref.getDouble(i)) > 1e-5 + 1e-4 * Math.abs(ref.getDouble(i))
                            ? 1
                            : 0)
                    : Math.abs(mine.getLong(i) - ref.getLong(i));
            if (d != 0) {
                differing++;
                max = Math.max(max, d);
            }
        }
        double relative = largest == 0 ? largestDifference : largestDifference / largest;
        return new Result(
                op,
                code,
                differing,
                mine.elementCount(),
                max,
                relative,
                mine.dataType().isFloatingPoint());
    }
}
