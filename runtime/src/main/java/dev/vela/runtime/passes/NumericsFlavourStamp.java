package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.NumericsFlavours;
import dev.vela.spi.NumericsFlavour;

/**
 * Writes the numerics flavour (D15) into every quantized node of a graph as the attribute {@value
 * NumericsFlavour#ATTRIBUTE}, so that kernels, plugins and packages see it as part of the node. A node is quantized
 * when any of its declared inputs or outputs carries quantization parameters; float nodes are left alone (the flavour
 * means nothing to them). {@link NumericsFlavour#TFLM}, the meaning of a node without the attribute, removes it.
 */
public final class NumericsFlavourStamp {

    private NumericsFlavourStamp() {}

    /**
     * @param graph a graph
     * @param flavour the flavour its quantized nodes follow
     * @return the graph with the flavour on its quantized nodes (the same graph when nothing changes)
     */
    public static Graph apply(Graph graph, NumericsFlavour flavour) {
        return NumericsFlavours.apply(graph, flavour);
    }

    /**
     * @param flavour a flavour
     * @return a conversion pass that writes it into the quantized nodes, so a {@code .vela} package records the
     *     flavour the model was converted for
     */
    public static Pass pass(NumericsFlavour flavour) {
        return new Pass() {
            @Override
            public String name() {
                return "numerics-" + flavour.label();
            }

            @Override
            public Graph apply(Graph graph) {
                return NumericsFlavourStamp.apply(graph, flavour);
            }
        };
    }

    /**
     * @param graph a graph
     * @return the flavour its quantized nodes carry: {@link NumericsFlavour#TFLM} unless a node says otherwise
     * @throws dev.vela.spi.InvalidNodeException when nodes name an unknown flavour
     */
    public static NumericsFlavour of(Graph graph) {
        return NumericsFlavours.of(graph);
    }
}
