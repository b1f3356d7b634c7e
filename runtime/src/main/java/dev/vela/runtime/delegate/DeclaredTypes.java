package dev.vela.runtime.delegate;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The fully declared type of every value of a graph (inputs, value info, node outputs, constants), by name. */
final class DeclaredTypes {

    private final Map<String, TensorType> types = new HashMap<>();

    DeclaredTypes(Graph graph) {
        graph.valueInfo().values().forEach(this::add);
        graph.inputs().forEach(this::add);
        graph.outputs().forEach(this::add);
        for (GraphNode n : graph.nodes()) {
            for (int k = 0; k < n.outputs().size(); k++) {
                n.declaredOutput(k).ifPresent(this::add);
            }
        }
        for (Map.Entry<String, Tensor> e : graph.initializers().entrySet()) {
            types.put(e.getKey(), e.getValue().type());
        }
    }

    private void add(ValueSpec spec) {
        of(spec).ifPresent(t -> types.put(spec.name(), t));
    }

    /** @return the type, when the data type and every dimension are declared */
    static Optional<TensorType> of(ValueSpec spec) {
        if (spec.dataType() == null || !spec.hasShape()) {
            return Optional.empty();
        }
        long[] dims = spec.dims();
        for (long d : dims) {
            if (d < 0) {
                return Optional.empty();
            }
        }
        Shape shape = Shape.of(dims);
        return Optional.of(spec.quantization()
                .map(q -> TensorType.quantized(spec.dataType(), shape, q))
                .orElse(TensorType.of(spec.dataType(), shape)));
    }

    Optional<TensorType> get(String value) {
        return Optional.ofNullable(types.get(value));
    }
}
