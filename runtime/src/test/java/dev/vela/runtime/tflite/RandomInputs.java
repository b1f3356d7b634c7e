package dev.vela.runtime.tflite;

import dev.vela.runtime.Model;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random inputs for a model's declared inputs: integer tensors uniform over their type's whole range, float
 * tensors uniform in [-1, 1). The tensors are plain (no quantization): the session attaches the declared one.
 */
final class RandomInputs {

    private RandomInputs() {}

    static Map<String, Tensor> of(Model model, long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (ValueSpec v : model.inputs()) {
            int[] dims = new int[v.rank()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = (int) Math.max(1, v.dim(i));
            }
            Tensor t = Tensor.allocate(TensorType.of(v.dataType(), Shape.of(dims)));
            fill(t, random);
            inputs.put(v.name(), t);
        }
        return inputs;
    }

    private static void fill(Tensor t, Random random) {
        DataType type = t.dataType();
        int bits = 8 * type.byteSize();
        for (int i = 0; i < t.elementCount(); i++) {
            if (type.isFloatingPoint()) {
                t.setDouble(i, 2 * random.nextDouble() - 1);
            } else if (bits >= 32) {
                t.setLong(i, random.nextInt(201) - 100);
            } else {
                long v = random.nextInt(1 << bits);
                t.setLong(i, type.isSigned() ? v - (1L << (bits - 1)) : v);
            }
        }
    }
}
