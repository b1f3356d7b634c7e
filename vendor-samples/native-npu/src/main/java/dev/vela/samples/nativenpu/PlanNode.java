package dev.vela.samples.nativenpu;

import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.GraphView;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.util.Map;
import java.util.Optional;

/**
 * A node of a delegate partition as the per-node factories see it: the view node's operator and attributes, input
 * types from the given map (the partition's boundary types and the types earlier kernels of the plan produce) or
 * the graph's constants, and the output quantization the graph declares.
 */
final class PlanNode implements Node {

    private final ViewNode node;
    private final GraphView graph;
    private final Map<String, TensorType> known;

    PlanNode(ViewNode node, GraphView graph, Map<String, TensorType> known) {
        this.node = node;
        this.graph = graph;
        this.known = known;
    }

    @Override
    public String name() {
        return node.name();
    }

    @Override
    public OpId op() {
        return node.op();
    }

    @Override
    public int opsetVersion() {
        return node.opsetVersion();
    }

    @Override
    public Attributes attributes() {
        return node.attributes().withOwner(describe());
    }

    @Override
    public int inputCount() {
        return node.inputs().size();
    }

    @Override
    public boolean hasInput(int index) {
        return index >= 0
                && index < node.inputs().size()
                && !node.inputs().get(index).isEmpty();
    }

    @Override
    public TensorType inputType(int index) {
        if (!hasInput(index)) {
            throw new InvalidNodeException(this, "input " + index + " is absent");
        }
        String value = node.inputs().get(index);
        TensorType t = known.get(value);
        if (t == null) {
            t = graph.constant(value)
                    .map(Tensor::type)
                    .or(() -> graph.valueType(value))
                    .orElseThrow(() -> new InvalidNodeException(this, "input '" + value + "' has no known type"));
        }
        return t;
    }

    @Override
    public Optional<Tensor> inputValue(int index) {
        return hasInput(index) ? graph.constant(node.inputs().get(index)) : Optional.empty();
    }

    @Override
    public int outputCount() {
        return node.outputs().size();
    }

    @Override
    public Optional<Quantization> outputQuantization(int index) {
        return declared(index).flatMap(TensorType::quantization);
    }

    @Override
    public Optional<DataType> outputDataType(int index) {
        return declared(index).map(TensorType::dataType);
    }

    private Optional<TensorType> declared(int index) {
        if (index < 0
                || index >= node.outputs().size()
                || node.outputs().get(index).isEmpty()) {
            return Optional.empty();
        }
        return graph.valueType(node.outputs().get(index));
    }
}
