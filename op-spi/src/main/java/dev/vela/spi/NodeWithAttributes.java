package dev.vela.spi;

import java.util.Optional;

/** {@link Node#withAttributes}: a node seen with other attributes; everything else is the original's. */
record NodeWithAttributes(Node node, Attributes attributes) implements Node {

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
    public int inputCount() {
        return node.inputCount();
    }

    @Override
    public boolean hasInput(int index) {
        return node.hasInput(index);
    }

    @Override
    public TensorType inputType(int index) {
        return node.inputType(index);
    }

    @Override
    public Optional<Tensor> inputValue(int index) {
        return node.inputValue(index);
    }

    @Override
    public int outputCount() {
        return node.outputCount();
    }

    @Override
    public Optional<Quantization> outputQuantization(int index) {
        return node.outputQuantization(index);
    }

    @Override
    public Optional<DataType> outputDataType(int index) {
        return node.outputDataType(index);
    }

    @Override
    public String describe() {
        return node.describe();
    }
}
