package dev.vela.runtime.debug;

import dev.vela.runtime.ValueObserver;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every value one run wrote, copied out of session memory in execution order (a {@link ValueObserver}). Holds all
 * intermediates at once, so it is a debugging tool: its size is the sum of every tensor of the model.
 */
public final class ValueRecording implements ValueObserver {

    /**
     * One recorded value.
     *
     * @param node the node that wrote it
     * @param op the node's operator
     * @param provider the provider that ran the node
     * @param value the value's name
     * @param tensor a private copy
     */
    public record Value(String node, String op, String provider, String value, Tensor tensor) {}

    private final Map<String, Value> values = new LinkedHashMap<>();

    @Override
    public void written(Written w) {
        Tensor copy = Tensor.allocate(w.tensor().type());
        copy.copyFrom(w.tensor());
        values.put(w.value(), new Value(w.node(), w.op(), w.provider(), w.value(), copy));
    }

    /** @return the recorded values, in the order the nodes wrote them */
    public List<Value> values() {
        return Collections.unmodifiableList(new ArrayList<>(values.values()));
    }

    /**
     * @param value a value's name
     * @return the recorded value, if a node wrote it
     */
    public Optional<Value> value(String value) {
        return Optional.ofNullable(values.get(value));
    }
}
