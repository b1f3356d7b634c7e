package dev.vela.conformance.delegate;

import dev.vela.spi.Subgraph;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated subgraph, shown to a delegate both as the graph it proposes on and as the partition it compiles: every
 * value's type is declared, as in a TFLite model.
 */
record KitSubgraph(
        String name,
        List<ViewNode> nodes,
        Map<String, TensorType> types,
        Map<String, Tensor> constants,
        List<String> inputs,
        List<String> outputs)
        implements Subgraph {

    @Override
    public Optional<TensorType> valueType(String value) {
        return Optional.ofNullable(types.get(value));
    }

    @Override
    public Optional<Tensor> constant(String value) {
        return Optional.ofNullable(constants.get(value)).map(Tensor::asReadOnly);
    }

    @Override
    public boolean isGraphOutput(String value) {
        return outputs.contains(value);
    }

    @Override
    public List<TensorType> inputTypes() {
        return inputs.stream().map(types::get).toList();
    }
}
