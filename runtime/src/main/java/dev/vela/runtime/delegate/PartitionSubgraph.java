package dev.vela.runtime.delegate;

import dev.vela.spi.GraphView;
import dev.vela.spi.Subgraph;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.util.List;
import java.util.Optional;

/** An accepted partition as its delegate compiles it: the partition's nodes (renumbered) and its boundary. */
final class PartitionSubgraph implements Subgraph {

    private final String name;
    private final GraphView whole;
    private final List<ViewNode> nodes;
    private final List<String> inputs;
    private final List<TensorType> inputTypes;
    private final List<String> outputs;

    PartitionSubgraph(
            String name,
            GraphView whole,
            List<ViewNode> nodes,
            List<String> inputs,
            List<TensorType> inputTypes,
            List<String> outputs) {
        this.name = name;
        this.whole = whole;
        this.nodes = List.copyOf(nodes);
        this.inputs = List.copyOf(inputs);
        this.inputTypes = List.copyOf(inputTypes);
        this.outputs = List.copyOf(outputs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ViewNode> nodes() {
        return nodes;
    }

    @Override
    public Optional<TensorType> valueType(String value) {
        int i = inputs.indexOf(value);
        return i >= 0 ? Optional.of(inputTypes.get(i)) : whole.valueType(value);
    }

    @Override
    public Optional<Tensor> constant(String value) {
        return whole.constant(value);
    }

    @Override
    public boolean isGraphOutput(String value) {
        return outputs.contains(value);
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public List<TensorType> inputTypes() {
        return inputTypes;
    }

    @Override
    public List<String> outputs() {
        return outputs;
    }
}
