package dev.vela.runtime;

import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks session inputs against the declared model inputs: presence, names, dtype, rank and fixed dimensions. */
final class InputValidation {

    private InputValidation() {
    }

    static void check(String source, List<ValueSpec> declared, Set<String> constants, Map<String, Tensor> given) {
        for (String name : given.keySet()) {
            if (declared.stream().noneMatch(d -> d.name().equals(name))) {
                String why = constants.contains(name) ? " is a constant (initializer) of the model, not an input"
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
                throw new InvalidInputException(source + ": input '" + d.name() + "' must be " + d.dataType().label()
                        + " but is " + t.dataType().label());
            }
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
    }
}
