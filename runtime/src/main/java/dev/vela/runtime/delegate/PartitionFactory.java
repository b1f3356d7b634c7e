package dev.vela.runtime.delegate;

import dev.vela.spi.Delegate;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kernel factory of one partition's node in the rewritten graph. The kernel compiled when the model loaded
 * goes to the first session whose boundary input types are those it was compiled for; other sessions (and other
 * input types) get a fresh compilation, so sessions never share a kernel and each closes its own.
 */
final class PartitionFactory implements KernelFactory {

    private final OpId op;
    private final Delegate delegate;
    private final PartitionSubgraph subgraph;
    private final AtomicReference<Kernel> compiled;

    PartitionFactory(OpId op, Delegate delegate, PartitionSubgraph subgraph, Kernel compiled) {
        this.op = op;
        this.delegate = delegate;
        this.subgraph = subgraph;
        this.compiled = new AtomicReference<>(compiled);
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<KernelClaim> claims() {
        return Set.of();
    }

    @Override
    public Support supports(Node node) {
        return Support.yes();
    }

    @Override
    public Kernel prepare(Node node) {
        List<TensorType> types = new ArrayList<>();
        for (int i = 0; i < node.inputCount(); i++) {
            types.add(node.inputType(i));
        }
        if (types.equals(subgraph.inputTypes())) {
            Kernel first = compiled.getAndSet(null);
            if (first != null) {
                return first;
            }
        }
        PartitionSubgraph actual = new PartitionSubgraph(
                subgraph.name(), subgraph, subgraph.nodes(), subgraph.inputs(), types, subgraph.outputs());
        try {
            return delegate.compile(actual);
        } catch (InvalidNodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidNodeException(
                    node,
                    "delegate partition " + subgraph.name() + " failed to compile for" + " input types " + types + ": "
                            + e);
        }
    }
}
