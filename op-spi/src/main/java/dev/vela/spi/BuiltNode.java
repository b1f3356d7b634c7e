package dev.vela.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link Node} that {@link Node.Builder} makes. */
final class BuiltNode implements Node {
    private final String name;
    private final OpId op;
    private final int opsetVersion;
    private final Attributes attributes;
    private final List<TensorType> inputTypes;
    private final List<Tensor> inputValues;
    private final int outputCount;
    private final Map<Integer, Quantization> outputQuantization;
    private final Map<Integer, DataType> outputDataTypes;

    BuiltNode(
            String name,
            OpId op,
            int opsetVersion,
            Attributes attributes,
            List<TensorType> inputTypes,
            List<Tensor> inputValues,
            int outputCount,
            Map<Integer, Quantization> outputQuantization,
            Map<Integer, DataType> outputDataTypes) {
        this.name = name;
        this.op = op;
        this.opsetVersion = opsetVersion;
        this.inputTypes = Collections.unmodifiableList(new ArrayList<>(inputTypes));
        this.inputValues = Collections.unmodifiableList(new ArrayList<>(inputValues));
        this.outputCount = outputCount;
        this.outputQuantization = Map.copyOf(outputQuantization);
        this.outputDataTypes = Map.copyOf(outputDataTypes);
        this.attributes = attributes.withOwner(describe());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public int opsetVersion() {
        return opsetVersion;
    }

    @Override
    public Attributes attributes() {
        return attributes;
    }

    @Override
    public int inputCount() {
        return inputTypes.size();
    }

    @Override
    public boolean hasInput(int index) {
        return index >= 0 && index < inputTypes.size() && inputTypes.get(index) != null;
    }

    @Override
    public TensorType inputType(int index) {
        if (!hasInput(index)) {
            throw new InvalidNodeException(this, "input " + index + " is missing");
        }
        return inputTypes.get(index);
    }

    @Override
    public Optional<Tensor> inputValue(int index) {
        return hasInput(index) ? Optional.ofNullable(inputValues.get(index)) : Optional.empty();
    }

    @Override
    public int outputCount() {
        return outputCount;
    }

    @Override
    public Optional<Quantization> outputQuantization(int index) {
        return Optional.ofNullable(outputQuantization.get(index));
    }

    @Override
    public Optional<DataType> outputDataType(int index) {
        return Optional.ofNullable(outputDataTypes.get(index));
    }

    @Override
    public String toString() {
        return describe() + " inputs=" + inputTypes + " attributes=" + attributes;
    }
}
