package dev.vela.runtime.partition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The placement of every node of a graph, in execution order: filled as a session prepares its nodes (the choice
 * depends on the actual input types). Thread-confined to its session.
 */
public final class Placement {

    private final NodePlacement[] nodes;

    /** @param nodeCount the number of graph nodes */
    public Placement(int nodeCount) {
        this.nodes = new NodePlacement[nodeCount];
    }

    /**
     * @param index the node's position in execution order
     * @param placement its placement
     */
    public void record(int index, NodePlacement placement) {
        nodes[index] = placement;
    }

    /** @return the placements decided so far, in execution order (nodes not yet prepared are missing) */
    public List<NodePlacement> nodes() {
        List<NodePlacement> list = new ArrayList<>();
        for (NodePlacement p : nodes) {
            if (p != null) {
                list.add(p);
            }
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * @param index a node position
     * @return the provider chosen for it, or null if not yet placed
     */
    public String providerOf(int index) {
        return nodes[index] == null ? null : nodes[index].provider();
    }

    /** @return a table: node, claim, provider, and why each other provider was not chosen */
    public String toTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "claim", "provider", "not chosen"});
        for (NodePlacement p : nodes()) {
            String why = p.rejected().isEmpty()
                    ? "-"
                    : String.join(
                            "; ", p.rejected().stream().map(Rejection::toString).toList());
            String provider = p.definedBy() == null ? p.provider() : p.provider() + " (defined: " + p.definedBy() + ")";
            rows.add(new String[] {p.node(), p.claim() == null ? "-" : p.claim().toString(), provider, why});
        }
        int[] width = new int[3];
        for (String[] r : rows) {
            for (int c = 0; c < 3; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int c = 0; c < 3; c++) {
                sb.append(r[c]).append(" ".repeat(width[c] - r[c].length() + 2));
            }
            sb.append(r[3]).append('\n');
        }
        return sb.toString();
    }
}
