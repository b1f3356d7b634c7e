package dev.vela.conformance.custom;

import dev.vela.spi.Attributes;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.List;

/**
 * One vendor admission case of a custom operator, as read from its case file (format {@value
 * AdmissionCaseReader#FORMAT}): a valid node with inputs and the expected outputs from a source independent of the
 * plugin, or an invalid node with the refusal expected. A sequence case runs its steps in order on one kernel whose
 * state carries from step to step; its inputs and expected outputs carry a leading step axis.
 *
 * @param file the case file's path in the plugin
 * @param op the operator
 * @param version the definition version the case is for
 * @param source where the expected outputs come from (valid cases)
 * @param attributes the node's attributes
 * @param inputs per input position its value, {@code null} when absent or only typed
 * @param inputTypes per input position its type (per step for sequences), {@code null} when absent
 * @param constant per input position whether the node carries the value as a constant
 * @param outputs the node's output count
 * @param expected the expected outputs (empty for invalid cases)
 * @param atol absolute tolerance (in units of the element type; 0 = exact)
 * @param rtol relative tolerance
 * @param sequence whether the case is a sequence of steps with state kept
 * @param invalid why the node is invalid, or null for a valid case
 * @param refusal text the refusal's message must contain, or empty
 */
public record AdmissionCase(
        String file,
        OpId op,
        int version,
        String source,
        Attributes attributes,
        List<Tensor> inputs,
        List<TensorType> inputTypes,
        List<Boolean> constant,
        int outputs,
        List<Tensor> expected,
        double atol,
        double rtol,
        boolean sequence,
        String invalid,
        String refusal) {

    /** @return whether this case is an invalid node */
    public boolean isInvalid() {
        return invalid != null;
    }

    /** @return the number of steps: the leading axis of a sequence's inputs, else 1 */
    public int steps() {
        if (!sequence) {
            return 1;
        }
        for (Tensor t : inputs) {
            if (t != null) {
                return t.shape().dim(0);
            }
        }
        return 1;
    }

    /** @return the node the case describes, named after its file */
    public Node node() {
        Node.Builder b = Node.builder(op).name(file).opset(version).outputs(outputs);
        b.attributes().putAll(attributes);
        for (int i = 0; i < inputTypes.size(); i++) {
            if (inputTypes.get(i) == null) {
                b.absentInput();
            } else if (constant.get(i)) {
                b.constantInput(inputs.get(i));
            } else {
                b.input(inputTypes.get(i));
            }
        }
        return b.build();
    }

    /**
     * @param step a step
     * @return the value of every input at that step ({@code null} where absent)
     */
    public List<Tensor> stepInputs(int step) {
        Tensor[] out = new Tensor[inputs.size()];
        for (int i = 0; i < out.length; i++) {
            Tensor t = inputs.get(i);
            out[i] = t == null ? null : sequence && !constant.get(i) ? step(t, step) : t;
        }
        return Arrays.asList(out);
    }

    /**
     * @param step a step
     * @return the expected outputs at that step
     */
    public List<Tensor> stepExpected(int step) {
        return sequence ? expected.stream().map(t -> step(t, step)).toList() : expected;
    }

    /** Step {@code s} of a tensor with a leading step axis. */
    static Tensor step(Tensor t, int s) {
        int[] dims = t.shape().dims();
        TensorType type = t.type().withShape(Shape.of(Arrays.copyOfRange(dims, 1, dims.length)));
        int bytes = type.byteSize();
        Tensor out = Tensor.allocate(type);
        out.bytes().put(0, t.bytes(), Math.multiplyExact(s, bytes), bytes);
        return out;
    }
}
