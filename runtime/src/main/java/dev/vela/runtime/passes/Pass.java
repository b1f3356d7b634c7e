package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;

/**
 * One rewrite of the graph IR that keeps the graph's outputs unchanged (within the float tolerance policy where it
 * reassociates arithmetic). A pass returns the same graph object when it has nothing to do.
 */
public interface Pass {

    /** @return the name used in {@code --passes} and in conversion reports */
    String name();

    /**
     * @param graph the graph to rewrite
     * @return the rewritten graph, or {@code graph} itself when nothing applies
     */
    Graph apply(Graph graph);
}
