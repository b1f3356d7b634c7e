package dev.vela.runtime.exec;

import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Optional;

/**
 * The SPI view of a graph node for one run: input types are those of the actual tensors (declared shapes may be
 * symbolic), and {@link #inputValue} exposes constants plus the run-time values the factory asked for.
 */
final class RunNode implements Node {

    private final GraphNode node;
    private final Attributes attributes;
    private final TensorType[] types;
    private final Tensor[] values;

    /**
     * @param node the graph node
     * @param attributes the node's attributes, owned by this node for messages
     * @param types input types, null for absent inputs
     * @param values input values visible to the factory, null where not visible
     */
    RunNode(GraphNode node, Attributes attributes, TensorType[] types, Tensor[] values) {
        this.node = node;
        this.attributes = attributes;
        this.types = types;
        this.values = values;
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
        return attributes;
    }

    @Override
    public int inputCount() {
        return types.length;
    }

    @Override
    public boolean hasInput(int index) {
        return index >= 0 && index < types.length && types[index] != null;
    }

    @Override
    public TensorType inputType(int index) {
        if (!hasInput(index)) {
            throw new InvalidNodeException(this, "input " + index + " is missing");
        }
        return types[index];
    }

    @Override
    public Optional<Tensor> inputValue(int index) {
        return hasInput(index) ? Optional.ofNullable(values[index]) : Optional.empty();
    }

    @Override
    public int outputCount() {
        return node.outputs().size();
    }

    /** The quantization the graph declares for the output (TFLite models declare it for every integer value). */
    @Override
    public Optional<Quantization> outputQuantization(int index) {
        return node.declaredOutput(index).flatMap(ValueSpec::quantization);
    }

    @Override
    public Optional<DataType> outputDataType(int index) {
        return node.declaredOutput(index).map(ValueSpec::dataType);
    }

    @Override
    public String toString() {
        return describe();
    }
}
