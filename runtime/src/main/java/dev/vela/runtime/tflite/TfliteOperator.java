package dev.vela.runtime.tflite;

import java.nio.ByteBuffer;

/**
 * One operator of a subgraph, in execution order.
 *
 * @param index position in the subgraph's operator list
 * @param opcodeIndex index into the model's operator codes
 * @param inputs tensor indices; -1 marks an omitted optional input
 * @param outputs tensor indices
 * @param intermediates tensor indices internal to the operator (quantized LSTM gates), may be empty
 * @param options decoded builtin options
 * @param customOptions the custom operator's opaque options, or null
 * @param mutatingVariableInputs per input whether the operator updates it, may be empty
 */
public record TfliteOperator(
        int index,
        int opcodeIndex,
        int[] inputs,
        int[] outputs,
        int[] intermediates,
        BuiltinOptions options,
        ByteBuffer customOptions,
        boolean[] mutatingVariableInputs) {

    /** Input {@code i}, or -1 when the operator has fewer inputs or the input is omitted. */
    public int input(int i) {
        return i < inputs.length ? inputs[i] : -1;
    }
}
