package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import java.util.ArrayList;
import java.util.List;

/** Runs passes in order and records the time each takes and how it changed the node count. */
public final class PassManager {

    private final List<Pass> passes;

    /** @param passes the passes, in the order they run */
    public PassManager(List<Pass> passes) {
        this.passes = List.copyOf(passes);
    }

    /**
     * The graph after all passes, and per pass its timing.
     *
     * @param graph the final graph
     * @param timings one entry per pass, in order
     */
    public record Result(Graph graph, List<PassTiming> timings) {}

    /**
     * @param graph the graph to optimise
     * @return the optimised graph and per-pass timings
     */
    public Result run(Graph graph) {
        List<PassTiming> timings = new ArrayList<>(passes.size());
        Graph current = graph;
        for (Pass p : passes) {
            int before = current.nodes().size();
            long start = System.nanoTime();
            current = p.apply(current);
            double ms = (System.nanoTime() - start) / 1e6;
            timings.add(new PassTiming(p.name(), ms, before, current.nodes().size()));
        }
        return new Result(current, timings);
    }
}
