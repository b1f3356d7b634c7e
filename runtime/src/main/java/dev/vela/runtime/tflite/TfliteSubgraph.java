package dev.vela.runtime.tflite;

import java.util.List;

/**
 * One subgraph: its tensors, its inputs and outputs (tensor indices) and its operators in
 * execution order.
 *
 * @param index position in the model's subgraph list (0 is the main graph)
 * @param name name, may be empty
 * @param tensors tensors
 * @param inputs tensor indices fed by the caller
 * @param outputs tensor indices produced for the caller
 * @param operators operators in execution order
 */
public record TfliteSubgraph(
        int index,
        String name,
        List<TfliteTensor> tensors,
        int[] inputs,
        int[] outputs,
        List<TfliteOperator> operators) {

    /** Tensor {@code i}. */
    public TfliteTensor tensor(int i) {
        return tensors.get(i);
    }
}
