package dev.vela.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link Delegate}'s answer to {@link Delegate#propose(GraphView)}: the node sets it would take
 * (each to become one partition) and, for every node it does not take, why. Nodes are named by
 * {@link ViewNode#index()}. The runtime checks the proposal: a set that is not convex, or holds a
 * node the delegate does not claim, falls back and the placement names the delegate and the reason.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class DelegateProposal {

    private final List<Set<Integer>> nodeSets = new ArrayList<>();
    private final Map<Integer, String> declined = new LinkedHashMap<>();

    /** An empty proposal, to fill with {@link #take} and {@link #decline}. */
    public DelegateProposal() {}

    /**
     * Proposes one partition.
     *
     * @param nodes the node indices, at least one
     * @return this proposal
     * @throws IllegalArgumentException if the set is empty
     */
    public DelegateProposal take(Set<Integer> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a proposed partition needs at least one node");
        }
        nodeSets.add(Collections.unmodifiableSet(new TreeSet<>(nodes)));
        return this;
    }

    /**
     * Declines a node.
     *
     * @param node the node index
     * @param reason why, for a person to act on (e.g. {@code "int16 activations not supported"})
     * @return this proposal
     */
    public DelegateProposal decline(int node, String reason) {
        declined.put(node, Objects.requireNonNull(reason, "reason"));
        return this;
    }

    /** @return the proposed partitions, in the order they were proposed */
    public List<Set<Integer>> nodeSets() {
        return Collections.unmodifiableList(nodeSets);
    }

    /** @return the declined nodes with their reasons */
    public Map<Integer, String> declined() {
        return Collections.unmodifiableMap(declined);
    }
}
