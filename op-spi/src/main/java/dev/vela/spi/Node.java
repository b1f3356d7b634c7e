package dev.vela.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A graph node as a kernel factory sees it: operator, attributes, the types of its inputs (and
 * the values of those known when it is prepared, such as weights), and how many outputs it has.
 *
 * <p>Inputs are positional. An optional input that the model omits is absent: {@link
 * #hasInput(int)} is false for it and for any index at or past {@link #inputCount()}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public interface Node {

    /** @return the node's name in its graph (may be empty in a model; the runtime names it then) */
    String name();

    /** @return the operator */
    OpId op();

    /** @return the opset version of the operator's domain that the model declares */
    int opsetVersion();

    /** @return the attributes; errors they raise name this node */
    Attributes attributes();

    /** @return the number of input positions, counting omitted optional ones before the last present input */
    int inputCount();

    /**
     * @param index an input position
     * @return whether that input is present
     */
    boolean hasInput(int index);

    /**
     * @param index a present input position
     * @return its type
     * @throws InvalidNodeException naming the node if the input is absent
     */
    TensorType inputType(int index);

    /**
     * The value of an input when it is known at prepare time: a constant (weights, a shape), or,
     * for the inputs a factory names in {@link KernelFactory#valueInputs(Node)}, the value
     * computed for this run.
     *
     * @param index an input position
     * @return the read-only value, or empty if not known
     */
    Optional<Tensor> inputValue(int index);

    /** @return the number of outputs the graph expects */
    int outputCount();

    /**
     * The quantization the graph declares for an output. Quantized graphs (TFLite) fix each output's
     * scale and zero point when the model is converted, and a quantized kernel must produce exactly
     * them; ONNX's QLinear operators pass them as inputs instead.
     *
     * @param index an output position
     * @return the declared parameters, empty for unquantized outputs or when the graph leaves them open
     */
    default Optional<Quantization> outputQuantization(int index) {
        return Optional.empty();
    }

    /**
     * The element type the graph declares for an output, where the operator leaves it open (a
     * TFLite QUANTIZE to int16, a softmax with int16 output) or the graph states it anyway.
     *
     * @param index an output position
     * @return the declared element type, empty when the graph does not declare one
     */
    default Optional<DataType> outputDataType(int index) {
        return Optional.empty();
    }

    /**
     * This node seen with other attributes, e.g. a fused activation stripped so that a plain kernel can be prepared
     * for the rest of the node. Everything else (name, inputs, constants, declared outputs, {@link #describe()}) is
     * this node's own.
     *
     * @param replacement the attributes the returned node reports
     * @return a view of this node; this node is not changed
     * @since 1.1
     */
    default Node withAttributes(Attributes replacement) {
        return new NodeWithAttributes(this, Objects.requireNonNull(replacement, "replacement"));
    }

    /** @return e.g. {@code node 'conv1' (Conv)}, the prefix of error messages about this node */
    default String describe() {
        return "node '" + name() + "' (" + op() + ")";
    }

    /**
     * A node built by hand, for tests, tools and the conformance kit.
     *
     * @param op the operator name in the default domain
     * @return a builder with opset version 21 and one output
     */
    static Builder builder(String op) {
        return new Builder(OpId.of(op));
    }

    /**
     * A node built by hand.
     *
     * @param op the operator
     * @return a builder with opset version 21 and one output
     */
    static Builder builder(OpId op) {
        return new Builder(op);
    }

    /**
     * Builds a {@link Node}.
     *
     * @since 0.1
     */
    final class Builder {
        private final OpId op;
        private String name = "";
        private int opsetVersion = 21;
        private final Attributes.Builder attributes = Attributes.builder();
        private final List<TensorType> inputTypes = new ArrayList<>();
        private final List<Tensor> inputValues = new ArrayList<>();
        private int outputCount = 1;
        private final java.util.Map<Integer, Quantization> outputQuantization = new java.util.HashMap<>();
        private final java.util.Map<Integer, DataType> outputDataTypes = new java.util.HashMap<>();

        private Builder(OpId op) {
            this.op = Objects.requireNonNull(op, "op");
        }

        /**
         * @param value the node name
         * @return this builder
         */
        public Builder name(String value) {
            name = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the opset version
         * @return this builder
         */
        public Builder opset(int value) {
            opsetVersion = value;
            return this;
        }

        /**
         * Adds an input whose value is not known at prepare time.
         *
         * @param type its type
         * @return this builder
         */
        public Builder input(TensorType type) {
            inputTypes.add(Objects.requireNonNull(type));
            inputValues.add(null);
            return this;
        }

        /**
         * Adds an input with a constant value (weights, a shape tensor).
         *
         * @param value its value
         * @return this builder
         */
        public Builder constantInput(Tensor value) {
            inputTypes.add(value.type());
            inputValues.add(value.asReadOnly());
            return this;
        }

        /**
         * Adds an omitted optional input.
         *
         * @return this builder
         */
        public Builder absentInput() {
            inputTypes.add(null);
            inputValues.add(null);
            return this;
        }

        /**
         * @param value how many outputs
         * @return this builder
         */
        public Builder outputs(int value) {
            outputCount = value;
            return this;
        }

        /**
         * Declares the quantization of an output (see {@link Node#outputQuantization(int)}).
         *
         * @param index the output position
         * @param quantization its parameters
         * @return this builder
         */
        public Builder outputQuantization(int index, Quantization quantization) {
            outputQuantization.put(index, Objects.requireNonNull(quantization));
            return this;
        }

        /**
         * Declares the element type of an output (see {@link Node#outputDataType(int)}).
         *
         * @param index the output position
         * @param dataType its element type
         * @return this builder
         */
        public Builder outputDataType(int index, DataType dataType) {
            outputDataTypes.put(index, Objects.requireNonNull(dataType));
            return this;
        }

        /** @return the attribute builder, to add attributes */
        public Attributes.Builder attributes() {
            return attributes;
        }

        /**
         * @param key name
         * @param value INT value
         * @return this builder
         */
        public Builder attr(String key, long value) {
            attributes.put(key, value);
            return this;
        }

        /**
         * @param key name
         * @param value FLOAT value
         * @return this builder
         */
        public Builder attr(String key, float value) {
            attributes.put(key, value);
            return this;
        }

        /**
         * @param key name
         * @param value STRING value
         * @return this builder
         */
        public Builder attr(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        /**
         * @param key name
         * @param value INTS value
         * @return this builder
         */
        public Builder attr(String key, int... value) {
            attributes.put(key, value);
            return this;
        }

        /**
         * @param key name
         * @param value FLOATS value
         * @return this builder
         */
        public Builder attr(String key, float... value) {
            attributes.put(key, value);
            return this;
        }

        /** @return the node */
        public Node build() {
            return new BuiltNode(
                    name,
                    op,
                    opsetVersion,
                    attributes.build(),
                    inputTypes,
                    inputValues,
                    outputCount,
                    outputQuantization,
                    outputDataTypes);
        }
    }
}
