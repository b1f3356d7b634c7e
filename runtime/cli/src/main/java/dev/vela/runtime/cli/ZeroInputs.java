package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.exec.Allocation;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Inputs for commands that only need the model to run once: given .npy files, else zeros of the declared types. */
final class ZeroInputs {

    private ZeroInputs() {}

    /**
     * @param model the model
     * @param given inputs read from .npy files, by name
     * @return a tensor per model input: the given one, or zeros with unknown dimensions set to 1
     */
    static Map<String, Tensor> of(Model model, Map<String, Path> given) throws IOException {
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (ValueSpec in : model.inputs()) {
            Path file = given.get(in.name());
            feed.put(
                    in.name(),
                    file != null
                            ? Npy.read(file)
                            : Allocation.tensor(
                                    zeroType(in), () -> "zero input '" + in.name() + "' " + in.shapeText()));
        }
        for (Map.Entry<String, Path> e : given.entrySet()) {
            feed.putIfAbsent(e.getKey(), Npy.read(e.getValue())); // let validation name an unknown input
        }
        return feed;
    }

    /**
     * @param in a declared model input
     * @return its type with unknown dimensions set to 1 (float32 when the element type is not declared)
     */
    static TensorType zeroType(ValueSpec in) {
        DataType type = in.dataType() == null ? DataType.FLOAT32 : in.dataType();
        if (!in.hasShape()) {
            return TensorType.of(type, Shape.of(new int[0]));
        }
        int[] dims = new int[in.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = in.dim(i) == ValueSpec.UNKNOWN ? 1 : Math.toIntExact(in.dim(i));
        }
        return TensorType.of(type, dims);
    }
}
