package dev.vela.spi;

import java.util.Map;
import java.util.Optional;

/** {@link GraphView#asNode}: a graph view's node as a per-node kernel factory sees it. */
final class ViewNodeAsNode implements Node {

    private final ViewNode node;
    private final GraphView graph;
    private final Map<String, TensorType> knownTypes;

    ViewNodeAsNode(ViewNode node, GraphView graph, Map<String, TensorType> knownTypes) {
        this.node = node;
        this.graph = graph;
        this.knownTypes = knownTypes;
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
        TensorType known = knownTypes.get(value);
        if (known != null) {
            return known;
        }
        return graph.constant(value)
                .map(Tensor::type)
                .or(() -> graph.valueType(value))
                .orElseThrow(() -> new InvalidNodeException(this, "input '" + value + "' has no known type"));
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
        return declaredOutput(index).flatMap(TensorType::quantization);
    }

    @Override
    public Optional<DataType> outputDataType(int index) {
        return declaredOutput(index).map(TensorType::dataType);
    }

    private Optional<TensorType> declaredOutput(int index) {
        if (index < 0
                || index >= node.outputs().size()
                || node.outputs().get(index).isEmpty()) {
            return Optional.empty();
        }
        return graph.valueType(node.outputs().get(index));
    }
}
