package dev.vela.maven.fork;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Set;

/**
 * The provider under test with every call into its code bracketed by {@link Progress} marks, so a
 * crash, exit or hang inside the plugin is attributed to the call and node that caused it.
 * Behaviour is the plugin's own: every method delegates.
 */
final class TracingProvider implements OperatorProvider {

    private final OperatorProvider delegate;
    private final Progress progress;
    private final List<KernelFactory> factories;

    TracingProvider(OperatorProvider delegate, Progress progress) {
        this.delegate = delegate;
        this.progress = progress;
        progress.enter("factories() of " + delegate.getClass().getName());
        try {
            this.factories = delegate.factories().stream()
                    .map(f -> (KernelFactory) new Factory(f))
                    .toList();
        } finally {
            progress.exit();
        }
    }

    @Override
    public ProviderInfo info() {
        return delegate.info();
    }

    @Override
    public List<KernelFactory> factories() {
        return factories;
    }

    /** The plugin's custom operator definitions, unchanged: the kit certifies against them. */
    @Override
    public List<dev.vela.spi.OperatorDefinition> definitions() {
        return delegate.definitions();
    }

    /** Short text for a node: operator and input types. */
    static String describe(Node node) {
        StringBuilder sb = new StringBuilder(node.op().toString()).append('(');
        for (int i = 0; i < node.inputCount(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(node.hasInput(i) ? node.inputType(i).toString() : "absent");
            if (sb.length() > 400) {
                return sb.append(", ...)").toString();
            }
        }
        return sb.append(") ").append(node.attributes()).toString();
    }

    private final class Factory implements KernelFactory {
        private final KernelFactory f;

        Factory(KernelFactory f) {
            this.f = f;
        }

        @Override
        public OpId op() {
            return f.op();
        }

        @Override
        public Set<KernelClaim> claims() {
            return f.claims();
        }

        @Override
        public Support supports(Node node) {
            progress.enter("supports " + describe(node));
            try {
                return f.supports(node);
            } finally {
                progress.exit();
            }
        }

        @Override
        public Kernel prepare(Node node) {
            String what = describe(node);
            progress.enter("prepare " + what);
            try {
                Kernel k = f.prepare(node);
                return k == null ? null : new TracedKernel(k, what);
            } finally {
                progress.exit();
            }
        }

        @Override
        public Set<Integer> valueInputs(Node node) {
            return f.valueInputs(node);
        }
    }

    /** The provider's delegate, each call into it traced (so a hang in propose, compile or invoke is named). */
    @Override
    public java.util.Optional<dev.vela.spi.Delegate> delegate() {
        progress.enter("delegate() of provider " + delegate.info().id());
        try {
            return delegate.delegate().map(TracedDelegate::new);
        } finally {
            progress.exit();
        }
    }

    private final class TracedDelegate implements dev.vela.spi.Delegate {
        private final dev.vela.spi.Delegate d;

        TracedDelegate(dev.vela.spi.Delegate d) {
            this.d = d;
        }

        @Override
        public Set<dev.vela.spi.KernelClaim> claims() {
            progress.enter("delegate claims()");
            try {
                return d.claims();
            } finally {
                progress.exit();
            }
        }

        @Override
        public dev.vela.spi.DelegateLimits limits() {
            progress.enter("delegate limits()");
            try {
                return d.limits();
            } finally {
                progress.exit();
            }
        }

        @Override
        public dev.vela.spi.DelegateProposal propose(dev.vela.spi.GraphView graph) {
            progress.enter(
                    "delegate propose() on a subgraph of " + graph.nodes().size() + " node(s)");
            try {
                return d.propose(graph);
            } finally {
                progress.exit();
            }
        }

        @Override
        public Kernel compile(dev.vela.spi.Subgraph subgraph) {
            String what = "delegate partition " + subgraph.name() + " of "
                    + subgraph.nodes().size() + " node(s)";
            progress.enter("compile " + what);
            try {
                Kernel k = d.compile(subgraph);
                return k == null ? null : new TracedKernel(k, what);
            } finally {
                progress.exit();
            }
        }
    }

    private final class TracedKernel implements Kernel {
        private final Kernel k;
        private final String node;

        TracedKernel(Kernel k, String node) {
            this.k = k;
            this.node = node;
        }

        @Override
        public List<TensorType> outputTypes() {
            return k.outputTypes();
        }

        @Override
        public int scratchBytes() {
            return k.scratchBytes();
        }

        @Override
        public boolean isConcurrent() {
            return k.isConcurrent();
        }

        /** The wrapped kernel's state: a wrapper that hid it would make a stateful kernel look stateless. */
        @Override
        public List<dev.vela.spi.KernelState> state() {
            return k.state();
        }

        @Override
        public void invoke(Invocation invocation) {
            progress.enter("invoke " + node);
            try {
                k.invoke(invocation);
            } finally {
                progress.exit();
            }
        }

        @Override
        public void close() {
            k.close();
        }
    }
}
