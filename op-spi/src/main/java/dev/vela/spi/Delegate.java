package dev.vela.spi;

import java.util.Set;

/**
 * Takes whole subgraphs instead of single nodes (docs/architecture.md decision D13), as an NPU or DSP
 * compiler does: offered by {@link OperatorProvider#delegate()}.
 *
 * <p><b>Lifecycle.</b> When a model loads, the runtime shows the delegate a read-only {@link
 * GraphView} and asks {@link #propose(GraphView)} which nodes it would take. It checks the proposal
 * (only {@linkplain #claims() claimed} and admitted nodes, convex sets, the {@link #limits()}),
 * then {@linkplain #compile(Subgraph) compiles} each accepted partition into a {@link Kernel} whose
 * inputs and outputs are the partition's boundary values. The kernel follows the kernel contract:
 * compile validates and may pack weights; {@link Kernel#invoke(Invocation)} reads its inputs
 * without modifying them, writes every element of every output and nothing outside its outputs and
 * scratch ({@link Kernel#scratchBytes()} declares the memory it needs from the runtime), and {@link
 * Kernel#isConcurrent()} declares whether it may run concurrently. A delegate that proposes a set
 * it may not take, or throws, is named in the placement and its nodes fall back: never silently.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public interface Delegate {

    /**
     * @return every (operator, data type, layout) the delegate may take in a partition; certification
     *     tests exactly these, and the runtime admits only those certified
     */
    Set<KernelClaim> claims();

    /** @return the partitions it can hold; none by default */
    default DelegateLimits limits() {
        return DelegateLimits.none();
    }

    /**
     * Proposes the node sets the delegate would take. Must be cheap and must not throw; a node it
     * neither takes nor declines is reported as declined without a reason.
     *
     * @param graph the model's graph
     * @return the proposal: sets of node indices to take, a reason for each node declined
     */
    DelegateProposal propose(GraphView graph);

    /**
     * Compiles an accepted partition.
     *
     * @param subgraph the partition with its boundary
     * @return a kernel with one input per {@link Subgraph#inputs()} and one output per {@link
     *     Subgraph#outputs()}, whose output types are the boundary outputs' types
     * @throws InvalidNodeException naming the partition (and node) if it cannot compile it
     */
    Kernel compile(Subgraph subgraph);
}
