package dev.vela.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One valid case a {@link CaseGenerator} made: a node of the operator and a value for each of its
 * non-constant inputs (constant ones travel in the node). The conformance kit runs it on the
 * vendor's kernel and on the definition's reference and compares.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class GeneratedCase {

    private final Node node;
    private final List<Tensor> inputs;

    private GeneratedCase(Node node, List<Tensor> inputs) {
        this.node = Objects.requireNonNull(node, "node");
        List<Tensor> copy = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            copy.add(t == null ? null : t.asReadOnly());
        }
        this.inputs = Collections.unmodifiableList(copy);
    }

    /**
     * @param node the node
     * @param inputs one value per input position ({@code null} for omitted inputs; a constant's value may be given too)
     * @return the case
     */
    public static GeneratedCase of(Node node, List<Tensor> inputs) {
        return new GeneratedCase(node, Objects.requireNonNull(inputs, "inputs"));
    }

    /** @return the node */
    public Node node() {
        return node;
    }

    /** @return the read-only input values, {@code null} where the node has no value */
    public List<Tensor> inputs() {
        return inputs;
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
