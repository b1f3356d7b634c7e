package dev.vela.runtime;

import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks session inputs against the declared model inputs: presence, names, dtype, rank and fixed dimensions.
 * For a quantized input (TFLite) the caller may pass a plain tensor of the declared integer type (e.g. read from
 * an .npy file, which has no quantization): it gets the declared quantization attached. A tensor that carries its
 * own quantization must carry exactly the declared one; a different scale or zero point is refused, never
 * silently reinterpreted.
 */
final class InputValidation {

    private InputValidation() {}

    /** @return the inputs to run with: the given ones, quantized inputs with the declared quantization attached */
    static Map<String, Tensor> check(
            String source, List<ValueSpec> declared, Set<String> constants, Map<String, Tensor> given) {
        for (String name : given.keySet()) {
            if (declared.stream().noneMatch(d -> d.name().equals(name))) {
                String why = constants.contains(name)
                        ? " is a constant (initializer) of the model, not an input"
                        : " is not an input of the model";
                throw new InvalidInputException(source + ": input '" + name + "'" + why + "; inputs are "
                        + declared.stream().map(ValueSpec::toString).toList());
            }
        }
        for (ValueSpec d : declared) {
            Tensor t = given.get(d.name());
            if (t == null) {
                throw new InvalidInputException(source + ": missing input '" + d.name() + "' (" + d + ")");
            }
            if (d.dataType() != null && d.dataType() != t.dataType()) {
                throw new InvalidInputException(source + ": input '" + d.name() + "' must be "
                        + d.dataType().label() + " but is " + t.dataType().label());
            }
            checkQuantization(source, d, t);
            if (!d.hasShape()) {
                continue;
            }
            int[] dims = t.shape().dims();
            boolean ok = dims.length == d.rank();
            for (int i = 0; ok && i < dims.length; i++) {
                ok = d.dim(i) == ValueSpec.UNKNOWN || d.dim(i) == dims[i];
            }
            if (!ok) {
                throw new InvalidInputException(source + ": input '" + d.name() + "' must have shape " + d.shapeText()
                        + " but has shape " + t.shape());
            }
        }
        return withDeclaredQuantization(declared, given);
    }

    private static void checkQuantization(String source, ValueSpec d, Tensor t) {
        if (d.quantization().isEmpty() || t.type().quantization().isEmpty()) {
            return;
        }
        Quantization q = t.type().quantization().get();
        if (!q.equals(d.quantization().get())) {
            throw new InvalidInputException(source + ": input '" + d.name() + "' must be quantized with "
                    + d.quantization().get() + " but carries " + q);
        }
    }

    private static Map<String, Tensor> withDeclaredQuantization(List<ValueSpec> declared, Map<String, Tensor> given) {
        Map<String, Tensor> out = null;
        for (ValueSpec d : declared) {
            Tensor t = given.get(d.name());
            if (d.quantization().isPresent() && t.type().quantization().isEmpty()) {
                if (out == null) {
                    out = new LinkedHashMap<>(given);
                }
                out.put(
                        d.name(),
                        t.reinterpret(TensorType.quantized(
                                t.dataType(), t.shape(), d.quantization().get())));
            }
        }
        return out == null ? given : out;
    }
}
