package dev.vela.conformance.delegate;

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
import java.util.Optional;

/** A subgraph node as a per-node reference kernel factory sees it: types and constants from the graph. */
final class KitNodeView implements Node {

    private final ViewNode node;
    private final GraphView graph;

    KitNodeView(ViewNode node, GraphView graph) {
        this.node = node;
        this.graph = graph;
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
        String v = node.inputs().get(index);
        return graph.constant(v)
                .map(Tensor::type)
                .or(() -> graph.valueType(v))
                .orElseThrow(() -> new InvalidNodeException(this, "input '" + v + "' has no type"));
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
        return graph.valueType(node.outputs().get(index)).flatMap(TensorType::quantization);
    }

    @Override
    public Optional<DataType> outputDataType(int index) {
        return graph.valueType(node.outputs().get(index)).map(TensorType::dataType);
    }
}
