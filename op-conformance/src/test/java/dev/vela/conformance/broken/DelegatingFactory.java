package dev.vela.conformance.broken;

import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A vendor-like factory that delegates to the reference kernel for its operator and claims only
 * the given types; subclasses break one part of the contract.
 */
public class DelegatingFactory implements KernelFactory {

    private final KernelFactory reference;
    private final Set<KernelClaim> claims;

    /**
     * @param op operator name
     * @param types claimed element types
     */
    public DelegatingFactory(String op, DataType... types) {
        OpId id = OpId.of(op);
        this.reference = new ReferenceProvider()
                .factories().stream().filter(f -> f.op().equals(id)).findFirst().orElseThrow();
        Set<KernelClaim> c = new TreeSet<>();
        for (DataType t : types) {
            c.add(KernelClaim.of(id, t));
        }
        this.claims = Set.copyOf(c);
    }

    @Override
    public OpId op() {
        return reference.op();
    }

    @Override
    public Set<KernelClaim> claims() {
        return claims;
    }

    @Override
    public Support supports(Node node) {
        return reference.supports(node);
    }

    @Override
    public Kernel prepare(Node node) {
        return wrap(node, reference.prepare(node));
    }

    /**
     * @param node the node
     * @param kernel the reference kernel for it
     * @return the kernel to hand out (the reference's by default)
     */
    protected Kernel wrap(Node node, Kernel kernel) {
        return kernel;
    }

    /**
     * The common broken kernel: the reference's, with its computation replaced.
     *
     * @param op operator name
     * @param type the claimed element type
     * @param invoke what the kernel does instead, given the reference kernel and the invocation
     * @return the factory
     */
    public static DelegatingFactory invoking(
            String op, DataType type, java.util.function.BiConsumer<Kernel, dev.vela.spi.Invocation> invoke) {
        return new DelegatingFactory(op, type) {
            @Override
            protected Kernel wrap(Node node, Kernel kernel) {
                return new ForwardingKernel(kernel) {
                    @Override
                    public void invoke(dev.vela.spi.Invocation inv) {
                        invoke.accept(delegate, inv);
                    }
                };
            }
        };
    }

    /** A kernel that forwards to another; override what to break. */
    public static class ForwardingKernel implements Kernel {
        /** The kernel forwarded to. */
        protected final Kernel delegate;

        /**
         * @param delegate the kernel forwarded to
         */
        public ForwardingKernel(Kernel delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<TensorType> outputTypes() {
            return delegate.outputTypes();
        }

        @Override
        public int scratchBytes() {
            return delegate.scratchBytes();
        }

        @Override
        public boolean isConcurrent() {
            return delegate.isConcurrent();
        }

        @Override
        public void invoke(Invocation invocation) {
            delegate.invoke(invocation);
        }
    }
}
