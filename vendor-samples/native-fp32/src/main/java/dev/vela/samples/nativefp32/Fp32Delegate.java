package dev.vela.samples.nativefp32;

import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.GraphView;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Node;
import dev.vela.spi.Subgraph;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The native-fp32 delegate (SPI 1.1, docs/architecture.md D13): takes chains of float32 fully connected layers
 * (Gemm with constant weights), each reading the output of the one just before it in execution order, that output
 * read by nothing else, and compiles each chain into one native plan ({@link FcChainKernel}): MLPerf Tiny's AD
 * float model is ten such layers, which per node cost ten invocations through the runtime and ten JNI crossings.
 * Every other node is declined with the reason, and runs on the per-node kernels as before.
 *
 * @since 0.2
 */
public final class Fp32Delegate implements Delegate {

    /** Chains whose layers would be split between threads per node are left to the per-node kernels. */
    private static final long MAX_LAYER_FLOPS = Threads.MIN_FLOPS;

    private final FullyConnectedFactory gemm;

    /** @param gemm the provider's fully connected factory, which prepares each layer */
    Fp32Delegate(FullyConnectedFactory gemm) {
        this.gemm = gemm;
    }

    @Override
    public Set<KernelClaim> claims() {
        return gemm.claims();
    }

    @Override
    public DelegateProposal propose(GraphView graph) {
        Map<String, Integer> readers = new HashMap<>();
        for (ViewNode node : graph.nodes()) {
            for (String in : node.inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        DelegateProposal proposal = new DelegateProposal();
        TreeSet<Integer> chain = new TreeSet<>();
        ViewNode previous = null;
        for (ViewNode node : graph.nodes()) {
            String why = whyNot(graph, node);
            if (why != null) {
                proposal.decline(node.index(), why);
                take(proposal, chain);
                previous = null;
                continue;
            }
            if (previous == null || !continues(graph, readers, previous, node)) {
                take(proposal, chain);
            }
            chain.add(node.index());
            previous = node;
        }
        take(proposal, chain);
        return proposal;
    }

    private static void take(DelegateProposal proposal, TreeSet<Integer> chain) {
        if (!chain.isEmpty()) {
            proposal.take(new TreeSet<>(chain));
            chain.clear();
        }
    }

    /** @return whether node reads, as its A, the output of previous, right before it, which nothing else reads */
    private static boolean continues(GraphView graph, Map<String, Integer> readers, ViewNode previous, ViewNode node) {
        String link = previous.outputs().get(0);
        return node.index() == previous.index() + 1
                && node.inputs().get(0).equals(link)
                && readers.getOrDefault(link, 0) == 1
                && !graph.isGraphOutput(link);
    }

    /** @return why the delegate does not take the node, or null */
    private String whyNot(GraphView graph, ViewNode node) {
        if (!node.op().equals(gemm.op())) {
            return "the delegate takes chains of fully connected layers (Gemm), not " + node.op();
        }
        try {
            Node planNode = graph.asNode(node);
            if (!planNode.hasInput(0) || planNode.inputType(0).dataType() != DataType.FLOAT32) {
                return "only float32 activations";
            }
            if (node.outputs().size() != 1) {
                return "a Gemm with " + node.outputs().size() + " outputs";
            }
            Support s = gemm.supports(planNode);
            if (!s.isSupported()) {
                return s.reason();
            }
            FullyConnectedFactory.Spec spec = gemm.analyze(planNode);
            if (2L * spec.rows() * spec.k() * spec.n() >= MAX_LAYER_FLOPS) {
                return "large enough to split its rows between threads per node";
            }
            return null;
        } catch (RuntimeException e) {
            return "cannot be checked: " + e.getMessage();
        }
    }

    @Override
    public Kernel compile(Subgraph subgraph) {
        List<ViewNode> nodes = subgraph.nodes();
        if (nodes.isEmpty()
                || subgraph.inputs().size() != 1
                || subgraph.outputs().size() != 1) {
            throw new InvalidNodeException(
                    subgraph.name(),
                    "not a chain of fully connected layers: "
                            + subgraph.inputs().size() + " inputs, "
                            + subgraph.outputs().size() + " outputs");
        }
        Map<String, TensorType> known = new HashMap<>();
        known.put(subgraph.inputs().get(0), subgraph.inputTypes().get(0));
        List<NativeKernel> layers = new ArrayList<>();
        try {
            String expected = subgraph.inputs().get(0);
            int rows = -1;
            for (ViewNode node : nodes) {
                if (!node.op().equals(gemm.op()) || !node.inputs().get(0).equals(expected)) {
                    throw new InvalidNodeException(
                            subgraph.name(),
                            "node '" + node.name() + "' (" + node.op() + ") does not read the layer before it");
                }
                Node planNode = subgraph.asNode(node, known);
                FullyConnectedFactory.Spec spec = gemm.analyze(planNode);
                if (rows >= 0 && spec.rows() != rows) {
                    throw new InvalidNodeException(
                            subgraph.name(), "node '" + node.name() + "' has " + spec.rows() + " rows, not " + rows);
                }
                rows = spec.rows();
                NativeKernel layer = (NativeKernel) gemm.prepare(planNode);
                layers.add(layer);
                expected = node.outputs().get(0);
                known.put(expected, layer.outputTypes().get(0));
            }
            if (!expected.equals(subgraph.outputs().get(0))) {
                throw new InvalidNodeException(
                        subgraph.name(), "the output is '" + subgraph.outputs().get(0) + "', not the last layer's");
            }
            long[] plans = new long[layers.size()];
            for (int i = 0; i < plans.length; i++) {
                plans[i] = layers.get(i).plan();
            }
            long chain = Fp32Native.fp32_chain_create(plans, plans.length, rows);
            if (chain == 0) {
                throw new InvalidNodeException(
                        subgraph.name(), "the layers do not chain, or native memory for the chain ran out");
            }
            return new FcChainKernel(
                    chain, layers, subgraph.inputTypes().get(0), known.get(expected), "partition " + subgraph.name());
        } catch (RuntimeException | Error e) {
            layers.forEach(NativeKernel::close);
            throw e;
        }
    }
}
