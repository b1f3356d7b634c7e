package dev.vela.conformance.delegate;

import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.GraphView;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.OpId;
import dev.vela.spi.Subgraph;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A test delegate whose plan runs the reference kernels node by node with its own intermediates; with {@code
 * plantedBug}, a Conv fed by an Add gets its first output element one too high.
 */
final class ReferencePlanDelegate implements Delegate {

    private static final Set<KernelClaim> CLAIMS = Set.of(
            new KernelClaim(OpId.of("Conv"), DataType.INT8, Layout.NHWC),
            KernelClaim.of(OpId.of("Add"), DataType.INT8),
            KernelClaim.of(OpId.of("Pad"), DataType.INT8),
            new KernelClaim(OpId.of("MaxPool"), DataType.INT8, Layout.NHWC),
            new KernelClaim(OpId.of("AveragePool"), DataType.INT8, Layout.NHWC),
            KernelClaim.of(OpId.of("Softmax"), DataType.INT8));
    private final Map<OpId, KernelFactory> factories = new HashMap<>();
    private final Set<KernelClaim> claims;
    private final boolean plantedBug;
    /** The operator whose nodes get their first output element one too high; null for none. */
    private final String wrongOp;
    /** Nodes whose first output element is one too high (a fault only some shapes show). */
    private final Predicate<ViewNode> wrongWhere;
    /** The relative error each node adds to its float output (its own rounding, as a fused kernel's). */
    private final double floatErrorPerNode;
    /** Whether compile refuses a partition smaller than the graph it last proposed on. */
    private final boolean wholeGraphsOnly;
    /** The node count of the graph it last proposed on. */
    private volatile int proposedOn;

    ReferencePlanDelegate(boolean plantedBug) {
        this(CLAIMS, plantedBug, null);
    }

    /**
     * @param op an operator the delegate also claims, for int8 and any layout
     * @param wrong whether every node of that operator gets its first output element one too high (wrong only there)
     * @return the delegate
     */
    static ReferencePlanDelegate alsoClaiming(String op, boolean wrong) {
        Set<KernelClaim> claims = new java.util.HashSet<>(CLAIMS);
        claims.add(KernelClaim.of(OpId.of(op), DataType.INT8));
        return new ReferencePlanDelegate(Set.copyOf(claims), false, wrong ? op : null);
    }

    /**
     * @return the correct delegate, but a Conv with a stride of 2 gets its first output element one too high: the
     *     generated subgraphs (stride 1) never show it, the real models' chains do
     */
    static ReferencePlanDelegate wrongOnStridedConvs() {
        return new ReferencePlanDelegate(
                CLAIMS,
                false,
                null,
                n -> n.op().name().equals("Conv")
                        && java.util.Arrays.stream(n.attributes().getLongs("strides", new long[] {1}))
                                .anyMatch(s -> s == 2),
                0,
                false);
    }

    /**
     * @param relativeErrorPerNode the relative error each node adds to its float output
     * @return a delegate claiming the kit's operators for float32 too, Conv and the pools in both layouts
     */
    static ReferencePlanDelegate claimingFloat(double relativeErrorPerNode) {
        Set<KernelClaim> claims = new java.util.HashSet<>(CLAIMS);
        for (String op : List.of("Add", "Pad", "Softmax", "Gemm", "Concat")) {
            claims.add(KernelClaim.of(OpId.of(op), DataType.FLOAT32));
        }
        for (String op : List.of("Conv", "MaxPool", "AveragePool")) {
            claims.add(new KernelClaim(OpId.of(op), DataType.FLOAT32, Layout.NHWC));
            claims.add(new KernelClaim(OpId.of(op), DataType.FLOAT32, Layout.NCHW));
        }
        return new ReferencePlanDelegate(Set.copyOf(claims), false, null, n -> false, relativeErrorPerNode, false);
    }

    /** @return a correct delegate claiming float32 Conv for any layout (one claim, as a layout-agnostic kernel does) */
    static ReferencePlanDelegate claimingFloatConvForAnyLayout() {
        return new ReferencePlanDelegate(
                Set.of(KernelClaim.of(OpId.of("Conv"), DataType.FLOAT32)), false, null, n -> false, 0, false);
    }

    /**
     * @return the correct delegate, but its compiler takes only the whole graph it proposed on, while it proposes
     *     the runs of claimed nodes around a node it declines: a proposed set it cannot compile
     */
    static ReferencePlanDelegate compilingWholeGraphsOnly() {
        return new ReferencePlanDelegate(CLAIMS, false, null, n -> false, 0, true);
    }

    private ReferencePlanDelegate(Set<KernelClaim> claims, boolean plantedBug, String wrongOp) {
        this(claims, plantedBug, wrongOp, n -> false, 0, false);
    }

    private ReferencePlanDelegate(
            Set<KernelClaim> claims,
            boolean plantedBug,
            String wrongOp,
            Predicate<ViewNode> wrongWhere,
            double floatErrorPerNode,
            boolean wholeGraphsOnly) {
        this.claims = claims;
        this.plantedBug = plantedBug;
        this.wrongOp = wrongOp;
        this.wrongWhere = wrongWhere;
        this.floatErrorPerNode = floatErrorPerNode;
        this.wholeGraphsOnly = wholeGraphsOnly;
        for (KernelFactory f : new ReferenceProvider().factories()) {
            factories.putIfAbsent(f.op(), f);
        }
    }

    @Override
    public Set<KernelClaim> claims() {
        return claims;
    }

    /** Takes every run of consecutive claimed nodes (convex: consecutive in execution order), declines the rest. */
    @Override
    public DelegateProposal propose(GraphView graph) {
        proposedOn = graph.nodes().size();
        DelegateProposal p = new DelegateProposal();
        TreeSet<Integer> run = new TreeSet<>();
        for (ViewNode n : graph.nodes()) {
            KernelClaim claim = claimOf(n, graph);
            if (claims.contains(claim) || claims.contains(KernelClaim.of(claim.op(), claim.dataType()))) {
                run.add(n.index());
                continue;
            }
            p.decline(n.index(), "no claim " + claimOf(n, graph));
            if (!run.isEmpty()) {
                p.take(run);
                run = new TreeSet<>();
            }
        }
        return run.isEmpty() ? p : p.take(run);
    }

    static KernelClaim claimOf(ViewNode n, GraphView graph) {
        DataType t =
                graph.valueType(n.inputs().get(0)).map(TensorType::dataType).orElse(DataType.INT8);
        return Set.of("Conv", "MaxPool", "AveragePool").contains(n.op().name())
                ? new KernelClaim(n.op(), t, Layout.valueOf(n.attributes().getString(Layout.ATTRIBUTE, "NCHW")))
                : KernelClaim.of(n.op(), t);
    }

    @Override
    public Kernel compile(Subgraph subgraph) {
        List<ViewNode> nodes = subgraph.nodes();
        if (wholeGraphsOnly && nodes.size() < proposedOn) {
            throw new InvalidNodeException(
                    subgraph.name(),
                    "planted: the compiler takes whole graphs only, not " + nodes.size() + " of " + proposedOn
                            + " nodes");
        }
        List<Kernel> kernels = new ArrayList<>();
        for (ViewNode n : nodes) {
            kernels.add(factories.get(n.op()).prepare(subgraph.asNode(n)));
        }
        List<TensorType> outTypes = new ArrayList<>();
        for (String o : subgraph.outputs()) {
            int producer = -1;
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).outputs().contains(o)) {
                    producer = i;
                }
            }
            outTypes.add(kernels.get(producer).outputTypes().get(0));
        }
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return outTypes;
            }

            @Override
            public void invoke(Invocation invocation) {
                Map<String, Tensor> values = new HashMap<>();
                Map<String, String> producerOp = new HashMap<>();
                for (int i = 0; i < subgraph.inputs().size(); i++) {
                    values.put(subgraph.inputs().get(i), invocation.input(i));
                }
                for (int s = 0; s < nodes.size(); s++) {
                    ViewNode n = nodes.get(s);
                    Kernel k = kernels.get(s);
                    List<Tensor> in = new ArrayList<>();
                    for (String v : n.inputs()) {
                        in.add(
                                values.containsKey(v)
                                        ? values.get(v)
                                        : subgraph.constant(v).orElseThrow());
                    }
                    Tensor out = Tensor.allocate(k.outputTypes().get(0));
                    k.invoke(Invocation.of(in, List.of(out), ByteBuffer.allocateDirect(k.scratchBytes())));
                    if (plantedBug
                            && n.op().name().equals("Conv")
                            && "Add".equals(producerOp.get(n.inputs().get(0)))) {
                        out.setLong(0, (byte) (out.getLong(0) + 1));
                    }
                    if (n.op().name().equals(wrongOp) || wrongWhere.test(n)) {
                        out.setLong(0, (byte) (out.getLong(0) + 1));
                    }
                    if (out.dataType().isFloatingPoint() && floatErrorPerNode != 0) {
                        for (int e = 0; e < out.elementCount(); e++) {
                            out.setDouble(e, out.getDouble(e) * (1 + floatErrorPerNode));
                        }
                    }
                    values.put(n.outputs().get(0), out.asReadOnly());
                    producerOp.put(n.outputs().get(0), n.op().name());
                }
                for (int k = 0; k < subgraph.outputs().size(); k++) {
                    invocation.output(k).copyFrom(values.get(subgraph.outputs().get(k)));
                }
            }
        };
    }
}
