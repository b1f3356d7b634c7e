package dev.vela.runtime;

import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.VelaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gives a model's inputs new shapes, as TFLite's {@code ResizeInputTensor} and ONNX Runtime's free dimension overrides
 * do: a free (symbolic) dimension gets a size, a fixed one a new size (typically the batch). The resized graph is
 * prepared and run once on zeros, so a node that cannot take the new shapes is refused here, naming it, and not on the
 * first real run. A graph that accepts a new batch but does not carry it through to its outputs (e.g. a Reshape to a
 * constant {@code [1, -1]} that folds the batch into the features) would give silently wrong results, so a batch
 * change whose outputs keep the old batch is refused too.
 */
final class InputResize {

    private InputResize() {}

    /**
     * @param source the model, for messages
     * @param graph its graph
     * @param partitioner where its kernels come from
     * @param shapes new shapes by input name; inputs not named keep theirs
     * @return the graph with the new input shapes and the output shapes they give
     * @throws InvalidInputException when an input is unknown, a rank differs, or the graph cannot take the shapes
     */
    static Graph resize(String source, Graph graph, Partitioner partitioner, Map<String, Shape> shapes) {
        Set<String> unknown = new TreeSet<>(shapes.keySet());
        List<ValueSpec> inputs = new ArrayList<>();
        long oldBatch = -1;
        long newBatch = -1;
        boolean batchChanged = false;
        for (ValueSpec in : graph.inputs()) {
            Shape shape = shapes.get(in.name());
            unknown.remove(in.name());
            if (shape == null) {
                inputs.add(in);
                continue;
            }
            if (in.hasShape() && in.rank() != shape.rank()) {
                throw new InvalidInputException(source + ": input '" + in.name() + "' has rank " + in.rank() + " ("
                        + in.shapeText() + "); it cannot be resized to " + shape + " (rank " + shape.rank() + ")");
            }
            if (in.hasShape() && in.rank() > 0 && in.dim(0) != ValueSpec.UNKNOWN && in.dim(0) != shape.dim(0)) {
                batchChanged = true;
                oldBatch = in.dim(0);
                newBatch = shape.dim(0);
            }
            inputs.add(new ValueSpec(
                    in.name(),
                    in.dataType(),
                    shape.toLongArray(),
                    null,
                    in.quantization().orElse(null)));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(
                    source + ": cannot resize " + unknown + ": not an input of the model; inputs are "
                            + graph.inputs().stream().map(ValueSpec::toString).toList());
        }
        // the shapes the model declares for its outputs and intermediates were for the old input shapes: the resized
        // graph keeps their types and quantization, not their shapes (which the run below computes)
        List<GraphNode> nodes = new ArrayList<>();
        for (GraphNode n : graph.nodes()) {
            nodes.add(new GraphNode(
                    n.name(),
                    n.op(),
                    n.opsetVersion(),
                    n.attributes(),
                    n.inputs(),
                    n.outputs(),
                    n.declaredOutputs().stream().map(InputResize::withoutShape).toList()));
        }
        Map<String, ValueSpec> valueInfo = new LinkedHashMap<>();
        graph.valueInfo().forEach((name, spec) -> valueInfo.put(name, withoutShape(spec)));
        List<ValueSpec> unshapedOutputs =
                graph.outputs().stream().map(InputResize::withoutShape).toList();
        Graph resized = new Graph(graph.name(), inputs, unshapedOutputs, graph.initializers(), valueInfo, nodes);
        Map<String, Tensor> zeros = zeros(inputs);
        if (zeros == null) {
            return resized; // free dimensions remain: each run's shapes are checked then
        }
        Map<String, Tensor> results;
        try (Session session = Model.of(source, resized, partitioner).newSession()) {
            results = session.run(zeros);
        } catch (VelaException e) {
            throw new InvalidInputException(
                    source + ": the model cannot run with inputs resized to " + shapes + ": " + e.getMessage());
        }
        List<ValueSpec> outputs = new ArrayList<>();
        for (ValueSpec out : graph.outputs()) {
            TensorType t = results.get(out.name()).type();
            if (batchChanged
                    && out.hasShape()
                    && out.rank() > 0
                    && out.dim(0) == oldBatch
                    && (t.shape().rank() == 0 || t.shape().dim(0) != newBatch)) {
                throw new InvalidInputException(source + ": the model does not carry a batch of " + newBatch
                        + " through to output '" + out.name() + "' (" + out.shapeText() + " becomes " + t.shape()
                        + "): a node fixes the batch size (e.g. a Reshape to a constant shape), so this model only runs"
                        + " with batch " + oldBatch);
            }
            outputs.add(new ValueSpec(
                    out.name(),
                    t.dataType(),
                    t.shape().toLongArray(),
                    null,
                    t.quantization().orElse(null)));
        }
        return new Graph(graph.name(), inputs, outputs, graph.initializers(), valueInfo, nodes);
    }

    private static ValueSpec withoutShape(ValueSpec v) {
        return new ValueSpec(
                v.name(), v.dataType(), null, null, v.quantization().orElse(null));
    }

    /** @return a zero tensor per input, or null when some input still has a free dimension or no declared type */
    private static Map<String, Tensor> zeros(List<ValueSpec> inputs) {
        Map<String, Tensor> zeros = new LinkedHashMap<>();
        for (ValueSpec in : inputs) {
            if (in.dataType() == null || !in.hasShape()) {
                return null;
            }
            int[] dims = new int[in.rank()];
            for (int i = 0; i < dims.length; i++) {
                if (in.dim(i) < 0) {
                    return null;
                }
                dims[i] = Math.toIntExact(in.dim(i));
            }
            zeros.put(in.name(), Tensor.allocate(TensorType.of(in.dataType(), dims)));
        }
        return zeros;
    }
}
