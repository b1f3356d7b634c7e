package dev.vela.runtime.convert;

import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.exec.Allocation;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Input samples for comparing a model before and after conversion: seeded random tensors of the declared shapes
 * (symbolic dimensions set to 1; floats uniform in [-1, 1), integers over their type's range, wider ones in
 * [-100, 100]), or samples read from a directory: each {@code .npy} file is one sample of a single-input model, each
 * subdirectory one sample holding {@code <input>.npy} per input.
 */
public final class SampleInputs {

    private SampleInputs() {}

    /**
     * @param inputs the model's inputs
     * @param count how many samples
     * @param seed the random seed
     * @return the samples
     */
    public static List<Map<String, Tensor>> random(List<ValueSpec> inputs, int count, long seed) {
        Random random = new Random(seed);
        List<Map<String, Tensor>> samples = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            Map<String, Tensor> sample = new LinkedHashMap<>();
            for (ValueSpec v : inputs) {
                int[] dims = new int[v.hasShape() ? v.rank() : 0];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = (int) Math.max(1, v.dim(i));
                }
                DataType type = v.dataType() == null ? DataType.FLOAT32 : v.dataType();
                Tensor t =
                        Allocation.tensor(TensorType.of(type, Shape.of(dims)), () -> "sample input '" + v.name() + "'");
                fill(t, random);
                sample.put(v.name(), t);
            }
            samples.add(sample);
        }
        return samples;
    }

    private static void fill(Tensor t, Random random) {
        DataType type = t.dataType();
        int bits = 8 * type.byteSize();
        for (int i = 0; i < t.elementCount(); i++) {
            if (type.isFloatingPoint()) {
                t.setDouble(i, 2 * random.nextDouble() - 1);
            } else if (type == DataType.BOOL) {
                t.setLong(i, random.nextInt(2));
            } else if (bits >= 32) {
                t.setLong(i, type.isSigned() ? random.nextInt(201) - 100 : random.nextInt(101));
            } else {
                long v = random.nextInt(1 << bits);
                t.setLong(i, type.isSigned() ? v - (1L << (bits - 1)) : v);
            }
        }
    }

    /**
     * @param dir a directory of samples
     * @param inputs the model's inputs
     * @return the samples, sorted by file name
     * @throws IOException when a file cannot be read
     * @throws ModelFormatException when the directory holds no sample or a sample lacks an input
     */
    public static List<Map<String, Tensor>> fromDirectory(Path dir, List<ValueSpec> inputs) throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(dir)) {
            entries = files.filter(f -> Files.isDirectory(f) || f.toString().endsWith(".npy"))
                    .sorted()
                    .toList();
        }
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (Path entry : entries) {
            Map<String, Tensor> sample = new LinkedHashMap<>();
            if (Files.isDirectory(entry)) {
                for (ValueSpec v : inputs) {
                    Path file = entry.resolve(Npy.safeFileName(v.name()) + ".npy");
                    if (!Files.exists(file)) {
                        throw new ModelFormatException(
                                entry + ": sample has no " + file.getFileName() + " for input '" + v.name() + "'");
                    }
                    sample.put(v.name(), Npy.read(file));
                }
            } else {
                if (inputs.size() != 1) {
                    throw new ModelFormatException(entry + ": a single .npy sample needs a single-input model; this "
                            + "one has " + inputs.size() + " inputs (use one subdirectory per sample)");
                }
                sample.put(inputs.get(0).name(), Npy.read(entry));
            }
            samples.add(sample);
        }
        if (samples.isEmpty()) {
            throw new ModelFormatException(dir + ": no samples (.npy files or sample subdirectories)");
        }
        return samples;
    }
}
