package dev.vela.runtime.bench;

import dev.vela.runtime.profile.NodeTiming;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-node time summed over profiled runs; reported as the mean per run, slowest node first. */
public final class OpProfile {

    /**
     * One node's share.
     *
     * @param node the node's name
     * @param op the operator
     * @param provider the provider that ran it
     * @param ms mean wall time per run, in milliseconds
     * @param percent share of the summed time of all nodes
     */
    public record Row(String node, String op, String provider, double ms, double percent) {}

    private final Map<String, long[]> nanosByNode = new LinkedHashMap<>();
    private final Map<String, NodeTiming> firstSeen = new LinkedHashMap<>();
    private int runs;

    /**
     * Adds one run's timings.
     *
     * @param timings the session's profile of that run
     */
    public void add(List<NodeTiming> timings) {
        runs++;
        for (NodeTiming t : timings) {
            // the key includes the position so two nodes with the same (or no) name stay apart
            String key = t.node() + '\u0000' + t.op() + '\u0000' + t.provider();
            firstSeen.putIfAbsent(key, t);
            nanosByNode.computeIfAbsent(key, k -> new long[1])[0] += t.nanos();
        }
    }

    /** @return the rows sorted by time, slowest first (ties keep execution order) */
    public List<Row> rows() {
        long total = 0;
        for (long[] n : nanosByNode.values()) {
            total += n[0];
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : nanosByNode.entrySet()) {
            NodeTiming t = firstSeen.get(e.getKey());
            long nanos = e.getValue()[0];
            rows.add(new Row(
                    t.node(),
                    t.op(),
                    t.provider(),
                    nanos / 1e6 / Math.max(1, runs),
                    total == 0 ? 0 : 100.0 * nanos / total));
        }
        rows.sort(Comparator.comparingDouble(Row::ms).reversed());
        return rows;
    }
}
