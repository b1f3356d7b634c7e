package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.exec.Allocation;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inputs for {@code bench}: given .npy files, else seeded random values of the declared type (unknown dimensions
 * = 1, as {@link ZeroInputs}). Floats are uniform in [-1, 1); 8- and 16-bit integers span their whole range (quantized
 * activations); wider integers are 0 or 1, because they usually index or count something and larger values would
 * make index operators fail rather than be measured.
 */
final class RandomInputs {

    private RandomInputs() {}

    /**
     * @param model the model
     * @param given inputs read from .npy files, by name
     * @param seed the random seed (the same seed gives the same inputs)
     * @return a tensor per model input, in the model's order
     */
    static Map<String, Tensor> of(Model model, Map<String, Path> given, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (ValueSpec in : model.inputs()) {
            Path file = given.get(in.name());
            feed.put(
                    in.name(),
                    file != null
                            ? Npy.read(file)
                            : random(
                                    Allocation.tensor(
                                            ZeroInputs.zeroType(in), () -> "random input '" + in.name() + "'"),
                                    random));
        }
        for (Map.Entry<String, Path> e : given.entrySet()) {
            feed.putIfAbsent(e.getKey(), Npy.read(e.getValue())); // let validation name an unknown input
        }
        return feed;
    }

    private static Tensor random(Tensor t, SplittableRandom random) {
        int n = t.elementCount();
        switch (t.dataType()) {
            case FLOAT32, FLOAT64, FLOAT16, BFLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    t.setDouble(i, random.nextDouble(-1.0, 1.0));
                }
            }
            case INT8 -> fill(t, random, -128, 128);
            case UINT8 -> fill(t, random, 0, 256);
            case INT16 -> fill(t, random, -32768, 32768);
            default -> fill(t, random, 0, 2);
        }
        return t;
    }

    private static void fill(Tensor t, SplittableRandom random, int from, int to) {
        for (int i = 0, n = t.elementCount(); i < n; i++) {
            t.setLong(i, random.nextInt(from, to));
        }
    }
}
