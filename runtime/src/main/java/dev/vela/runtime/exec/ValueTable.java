package dev.vela.runtime.exec;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Numbers every value a graph's nodes produce (node i's output k is {@code first(i) + k}) and records when each is
 * produced and last read, and whether it is a graph output (returned to the caller, so never in the arena).
 */
final class ValueTable {

    private final int[] first;
    private final int count;
    private final int[] producer;
    private final int[] lastUse;
    private final boolean[] graphOutput;
    private final Map<String, Integer> byName = new HashMap<>();

    ValueTable(Graph graph) {
        List<GraphNode> nodes = graph.nodes();
        first = new int[nodes.size()];
        int n = 0;
        for (int i = 0; i < nodes.size(); i++) {
            first[i] = n;
            n += nodes.get(i).outputs().size();
        }
        count = n;
        producer = new int[n];
        lastUse = new int[n];
        graphOutput = new boolean[n];
        Set<String> outputs = new HashSet<>();
        for (ValueSpec out : graph.outputs()) {
            outputs.add(out.name());
        }
        for (int i = 0; i < nodes.size(); i++) {
            List<String> names = nodes.get(i).outputs();
            for (int k = 0; k < names.size(); k++) {
                int id = first[i] + k;
                producer[id] = i;
                lastUse[id] = i;
                graphOutput[id] = outputs.contains(names.get(k));
                if (!names.get(k).isEmpty()) {
                    byName.put(names.get(k), id);
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                Integer id = byName.get(in);
                if (id != null && producer[id] < i) {
                    lastUse[id] = Math.max(lastUse[id], i);
                }
            }
        }
    }

    int count() {
        return count;
    }

    int id(int node, int output) {
        return first[node] + output;
    }

    /** @return the value a name refers to, or -1 for graph inputs, constants and absent inputs */
    int idOf(String name) {
        Integer id = byName.get(name);
        return id == null ? -1 : id;
    }

    int producer(int id) {
        return producer[id];
    }

    int lastUse(int id) {
        return lastUse[id];
    }

    boolean isGraphOutput(int id) {
        return graphOutput[id];
    }

    long[] newSizes() {
        long[] sizes = new long[count];
        Arrays.fill(sizes, -1);
        return sizes;
    }
}
