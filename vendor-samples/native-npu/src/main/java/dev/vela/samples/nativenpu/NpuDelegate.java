package dev.vela.samples.nativenpu;

import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.GraphView;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Subgraph;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The native-npu delegate (SPI 1.1, docs/architecture.md D13): takes every run of consecutive int8 nodes its kernels
 * support (a run of consecutive nodes in execution order is always convex) and compiles each into one native plan
 * ({@link NpuPlan}, built by {@link PartitionCompiler}): the partition's op sequence, shapes, quantization, packed
 * weights and requantization multipliers go to C++ once at compile time, and each invocation is one JNI call with
 * the boundary buffers. The intermediates live in an arena inside the scratch memory the plan declares. A constant
 * spatial Pad whose fill is the input zero point is folded into the Conv reading it; fused activations (TFLite's
 * fused_activation_function, imported as the node's activation attribute) are clamps folded into the
 * requantization range of the Conv, Gemm and Add they belong to.
 *
 * @since 0.2
 */
public class NpuDelegate implements Delegate {

    private final Supplier<List<KernelFactory>> factories;

    /** @param factories the provider's per-node factories (loaded on first use) */
    NpuDelegate(Supplier<List<KernelFactory>> factories) {
        this.factories = factories;
    }

    private Map<OpId, KernelFactory> byOp() {
        Map<OpId, KernelFactory> map = new HashMap<>();
        for (KernelFactory f : factories.get()) {
            map.put(f.op(), f);
        }
        return map;
    }

    @Override
    public Set<KernelClaim> claims() {
        Set<KernelClaim> claims = new HashSet<>();
        factories.get().forEach(f -> claims.addAll(f.claims()));
        return claims;
    }

    @Override
    public DelegateProposal propose(GraphView graph) {
        Map<OpId, KernelFactory> byOp = byOp();
        DelegateProposal proposal = new DelegateProposal();
        TreeSet<Integer> run = new TreeSet<>();
        for (ViewNode node : graph.nodes()) {
            String why = whyNot(byOp, graph, node);
            if (why == null) {
                run.add(node.index());
                continue;
            }
            proposal.decline(node.index(), why);
            if (!run.isEmpty()) {
                proposal.take(run);
                run = new TreeSet<>();
            }
        }
        if (!run.isEmpty()) {
            proposal.take(run);
        }
        return proposal;
    }

    /** @return why the delegate does not take the node, or null */
    private static String whyNot(Map<OpId, KernelFactory> byOp, GraphView graph, ViewNode node) {
        KernelFactory f = byOp.get(node.op());
        if (f == null) {
            return "no native kernel for " + node.op();
        }
        try {
            Node planNode = graph.asNode(node);
            if (!planNode.hasInput(0) || planNode.inputType(0).dataType() != DataType.INT8) {
                return "only int8 activations run on the NPU";
            }
            Layout layout = f.claims().iterator().next().layout();
            if (layout != Layout.ANY
                    && !layout.name().equals(planNode.attributes().getString(Layout.ATTRIBUTE, "NCHW"))) {
                return "only " + layout + " layout";
            }
            Support s = f.supports(planNode);
            return s.isSupported() ? null : s.reason();
        } catch (RuntimeException e) {
            return "cannot be checked: " + e.getMessage();
        }
    }

    @Override
    public Kernel compile(Subgraph subgraph) {
        Map<OpId, KernelFactory> byOp = byOp();
        Map<String, TensorType> known = new HashMap<>();
        for (int i = 0; i < subgraph.inputs().size(); i++) {
            known.put(subgraph.inputs().get(i), subgraph.inputTypes().get(i));
        }
        PartitionCompiler plan = new PartitionCompiler(subgraph, plantsAddConvBug());
        try {
            for (ViewNode node : subgraph.nodes()) {
                KernelFactory f = byOp.get(node.op());
                if (f == null) {
                    throw new InvalidNodeException(
                            subgraph.name(), "node '" + node.name() + "': no native kernel" + " for " + node.op());
                }
                Node planNode = subgraph.asNode(node, known);
                Kernel kernel = f.prepare(planNode);
                List<TensorType> outs = kernel.outputTypes();
                for (int k = 0; k < outs.size(); k++) {
                    known.put(node.outputs().get(k), outs.get(k));
                }
                plan.add(
                        node,
                        kernel,
                        f instanceof PadFactory pad ? pad.analyze(planNode) : null,
                        f instanceof TransposeFactory transpose ? transpose.analyze(planNode) : null);
            }
            return plan.compile(known);
        } catch (RuntimeException | Error e) {
            plan.closeAll();
            throw e;
        }
    }

    /** @return whether plans carry the planted bug (only the planted-bug sample delegate says yes) */
    boolean plantsAddConvBug() {
        return false;
    }
}
