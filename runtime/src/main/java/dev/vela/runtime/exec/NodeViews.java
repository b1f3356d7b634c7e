package dev.vela.runtime.exec;

import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

/** The SPI view of a graph node for tools that ask providers about a node before any run (e.g. fusion passes). */
public final class NodeViews {

    private NodeViews() {}

    /**
     * @param node the graph node
     * @param types its input types, null for absent inputs
     * @param values the input values a factory may see (constants), null where not known
     * @return the node as a kernel factory sees it
     */
    public static Node of(GraphNode node, TensorType[] types, Tensor[] values) {
        return new RunNode(node, node.attributes().withOwner(node.describe()), types.clone(), values.clone());
    }
}
