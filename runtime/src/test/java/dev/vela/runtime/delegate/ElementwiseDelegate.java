package dev.vela.runtime.delegate;

import dev.vela.spi.DataType;
import dev.vela.spi.Delegate;
import dev.vela.spi.DelegateLimits;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.GraphView;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.OpId;
import dev.vela.spi.Subgraph;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A pure-Java test delegate for float32 Relu, Add and Mul on same-shaped tensors: its compiled kernel evaluates the
 * partition's nodes in order with the intermediates in its own arrays (never in runtime tensors). What it proposes
 * is given by the test, so a test can make it propose what a misbehaving delegate would.
 */
final class ElementwiseDelegate implements Delegate {

    static final Set<KernelClaim> CLAIMS = Set.of(
            KernelClaim.of(OpId.of("Relu"), DataType.FLOAT32),
            KernelClaim.of(OpId.of("Add"), DataType.FLOAT32),
            KernelClaim.of(OpId.of("Mul"), DataType.FLOAT32));

    private final Function<GraphView, DelegateProposal> proposer;
    private final DelegateLimits limits;
    private final boolean failCompile;
    int compilations;

    ElementwiseDelegate(Function<GraphView, DelegateProposal> proposer, DelegateLimits limits, boolean failCompile) {
        this.proposer = proposer;
        this.limits = limits;
        this.failCompile = failCompile;
    }

    /** Proposes every maximal run of consecutive claimed nodes and declines the others with a reason. */
    static DelegateProposal runsOfClaimed(GraphView graph) {
        DelegateProposal p = new DelegateProposal();
        java.util.TreeSet<Integer> run = new java.util.TreeSet<>();
        for (ViewNode n : graph.nodes()) {
            if (CLAIMS.contains(KernelClaim.of(n.op(), DataType.FLOAT32))) {
                run.add(n.index());
            } else {
                p.decline(n.index(), n.op() + " is not supported");
                if (!run.isEmpty()) {
                    p.take(run);
                    run = new java.util.TreeSet<>();
                }
            }
        }
        if (!run.isEmpty()) {
            p.take(run);
        }
        return p;
    }

    @Override
    public Set<KernelClaim> claims() {
        return CLAIMS;
    }

    @Override
    public DelegateLimits limits() {
        return limits;
    }

    @Override
    public DelegateProposal propose(GraphView graph) {
        return proposer.apply(graph);
    }

    @Override
    public Kernel compile(Subgraph subgraph) {
        compilations++;
        if (failCompile) {
            throw new IllegalStateException("out of command buffers");
        }
        TensorType type = subgraph.inputTypes().get(0);
        for (TensorType t : subgraph.inputTypes()) {
            if (!t.equals(type)) {
                throw new InvalidNodeException(subgraph.name(), "inputs of different types " + subgraph.inputTypes());
            }
        }
        List<ViewNode> nodes = List.copyOf(subgraph.nodes());
        Map<String, float[]> constants = new HashMap<>();
        for (ViewNode n : nodes) {
            for (String in : n.inputs()) {
                subgraph.constant(in).ifPresent(c -> constants.put(in, c.toFloatArray()));
            }
        }
        List<String> inputs = subgraph.inputs();
        List<String> outputs = subgraph.outputs();
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return outputs.stream().map(o -> type).toList();
            }

            @Override
            public void invoke(Invocation invocation) {
                Map<String, float[]> values = new HashMap<>(constants);
                for (int i = 0; i < inputs.size(); i++) {
                    values.put(inputs.get(i), invocation.input(i).toFloatArray());
                }
                for (ViewNode n : nodes) {
                    float[] a = values.get(n.inputs().get(0));
                    float[] r = new float[a.length];
                    String op = n.op().name();
                    float[] b = op.equals("Relu") ? null : values.get(n.inputs().get(1));
                    for (int e = 0; e < a.length; e++) {
                        r[e] = switch (op) {
                            case "Relu" -> Math.max(0f, a[e]);
                            case "Add" -> a[e] + b[e];
                            default -> a[e] * b[e];
                        };
                    }
                    values.put(n.outputs().get(0), r);
                }
                for (int k = 0; k < outputs.size(); k++) {
                    invocation.output(k).floats().put(0, values.get(outputs.get(k)));
                }
            }
        };
    }
}
