package dev.vela.conformance.delegate;

import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import dev.vela.spi.Tensor;
import dev.vela.spi.ViewNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The reference execution of a subgraph: the reference provider's kernels node by node, as the runtime falls back. */
final class SubgraphRun {

    private static final Map<OpId, KernelFactory> REFERENCE = new HashMap<>();

    static {
        for (KernelFactory f : new ReferenceProvider().factories()) {
            REFERENCE.putIfAbsent(f.op(), f);
        }
    }

    private SubgraphRun() {}

    /** @return the subgraph's outputs on the reference kernels */
    static List<Tensor> reference(KitSubgraph g, List<Tensor> inputs) {
        Map<String, Tensor> values = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            values.put(g.inputs().get(i), inputs.get(i).asReadOnly());
        }
        for (ViewNode n : g.nodes()) {
            KernelFactory f = REFERENCE.get(n.op());
            if (f == null) {
                throw new IllegalStateException("the reference has no " + n.op());
            }
            try (Kernel k = f.prepare(g.asNode(n))) {
                List<Tensor> in = new ArrayList<>();
                for (String v : n.inputs()) {
                    in.add(values.containsKey(v) ? values.get(v) : g.constant(v).orElseThrow());
                }
                Tensor out = Tensor.allocate(k.outputTypes().get(0));
                k.invoke(Invocation.of(in, List.of(out), ByteBuffer.allocateDirect(k.scratchBytes())));
                values.put(n.outputs().get(0), out.asReadOnly());
            }
        }
        List<Tensor> outs = new ArrayList<>();
        g.outputs().forEach(o -> outs.add(values.get(o)));
        return outs;
    }
}
