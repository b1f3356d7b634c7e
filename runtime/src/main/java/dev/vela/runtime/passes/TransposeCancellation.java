package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.OpId;
import java.util.List;
import java.util.Set;

/**
 * Composes a Transpose that feeds only another Transpose: the pair becomes one Transpose with the composed
 * permutation, or disappears when that is the identity (consumers then read the first one's input; when the second
 * output is a graph output, whose name must survive, the pair becomes an Identity for {@link IdentityRemoval}). Both permutations must be explicit ({@code perm}
 * absent means "reverse", whose rank is unknown here).
 */
public final class TransposeCancellation implements Pass {

    @Override
    public String name() {
        return "cancel-transposes";
    }

    @Override
    public Graph apply(Graph graph) {
        GraphEditor editor = new GraphEditor(graph);
        Set<String> outputs = editor.outputNames();
        for (GraphNode stale : graph.nodes()) {
            GraphNode second = editor.current(stale.name());
            if (second == null || !isTranspose(second)) {
                continue;
            }
            GraphNode first = editor.producers().get(second.inputs().get(0));
            if (first == null
                    || !isTranspose(first)
                    || outputs.contains(first.outputs().get(0))
                    || editor.useCounts().getOrDefault(first.outputs().get(0), 0) != 1) {
                continue;
            }
            long[] p1 = first.attributes().getLongs("perm");
            long[] p2 = second.attributes().getLongs("perm");
            if (p1.length != p2.length) {
                continue;
            }
            // y = transpose(x, p1): y axis i is x axis p1[i]; z = transpose(y, p2): z axis i is x axis p1[p2[i]]
            long[] composed = new long[p1.length];
            boolean identity = true;
            for (int i = 0; i < p1.length; i++) {
                composed[i] = p1[(int) p2[i]];
                identity &= composed[i] == i;
            }
            String x = first.inputs().get(0);
            String z = second.outputs().get(0);
            editor.remove(first);
            if (identity && outputs.contains(z)) {
                editor.replace(
                        second,
                        new GraphNode(
                                second.name(),
                                OpId.of("Identity"),
                                1,
                                Attributes.empty(),
                                List.of(x),
                                List.of(z),
                                second.declaredOutputs()));
            } else if (identity) {
                editor.remove(second);
                editor.replaceUses(z, x);
            } else {
                Attributes perm = Attributes.builder()
                        .putAll(second.attributes())
                        .put("perm", composed)
                        .build();
                editor.replace(second, GraphEditor.copy(second, perm, List.of(x), second.outputs()));
            }
        }
        return editor.build();
    }

    private static boolean isTranspose(GraphNode n) {
        if (!n.op().domain().isEmpty()
                || !n.op().name().equals("Transpose")
                || n.inputs().isEmpty()
                || n.outputs().size() != 1
                || !n.attributes().has("perm")) {
            return false;
        }
        long[] perm = n.attributes().getLongs("perm");
        boolean[] seen = new boolean[perm.length];
        for (long p : perm) {
            if (p < 0 || p >= perm.length || seen[(int) p]) {
                return false;
            }
            seen[(int) p] = true;
        }
        return true;
    }
}
