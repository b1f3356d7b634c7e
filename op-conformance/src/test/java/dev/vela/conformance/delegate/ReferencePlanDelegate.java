package dev.vela.conformance.delegate;

import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.GraphView;
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

    private ReferencePlanDelegate(Set<KernelClaim> claims, boolean plantedBug, String wrongOp) {
        this.claims = claims;
        this.plantedBug = plantedBug;
        this.wrongOp = wrongOp;
        for (KernelFactory f : new ReferenceProvider().factories()) {
            factories.putIfAbsent(f.op(), f);
        }
    }

    @Override
    public Set<KernelClaim> claims() {
        return claims;
    }

    @Override
    public DelegateProposal propose(GraphView graph) {
        DelegateProposal p = new DelegateProposal();
        TreeSet<Integer> all = new TreeSet<>();
        graph.nodes().forEach(n -> all.add(n.index()));
        return p.take(all);
    }

    @Override
    public Kernel compile(Subgraph subgraph) {
        List<ViewNode> nodes = subgraph.nodes();
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
                    if (n.op().name().equals(wrongOp)) {
                        out.setLong(0, (byte) (out.getLong(0) + 1));
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
