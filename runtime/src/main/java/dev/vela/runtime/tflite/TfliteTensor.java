package dev.vela.runtime.tflite;

/**
 * One tensor of a subgraph.
 *
 * @param index position in the subgraph's tensor list
 * @param name name (empty when the file has none)
 * @param shape static shape (NHWC for builtin spatial ops)
 * @param shapeSignature shape with -1 for unknown dimensions, or null when absent
 * @param type element type
 * @param buffer index into the model's buffers (0 = no data)
 * @param quantization quantization parameters, or null when absent
 * @param isVariable whether the tensor is state an operator updates (LSTM/SVDF state)
 * @param sparse whether the tensor carries sparsity parameters
 */
public record TfliteTensor(
        int index,
        String name,
        int[] shape,
        int[] shapeSignature,
        TfliteTensorType type,
        long buffer,
        TfliteQuantization quantization,
        boolean isVariable,
        boolean sparse) {

    /** Number of elements of the static shape (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Whether scales are present. */
    public boolean isQuantized() {
        return quantization != null && quantization.hasScale();
    }

    /** A short description for messages: {@code 'name' (tensor 3)}. */
    public String describe() {
        return "'" + name + "' (tensor " + index + ")";
    }
}
