package dev.vela.reference;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One operator implemented by several reference factories (the float kernels and the quantized
 * ones live apart). A node goes to the first factory, in the given order, that accepts it; the
 * quantized factories come first and refuse unquantized tensors, so an int8 tensor with
 * quantization parameters never reaches a plain integer kernel.
 */
final class FirstSupportingFactory implements KernelFactory {

    private final OpId op;
    private final List<KernelFactory> delegates;
    private final Set<KernelClaim> claims;

    FirstSupportingFactory(List<KernelFactory> delegates) {
        this.op = delegates.get(0).op();
        this.delegates = List.copyOf(delegates);
        Set<KernelClaim> all = new TreeSet<>();
        for (KernelFactory f : delegates) {
            if (!f.op().equals(op)) {
                throw new IllegalArgumentException("factories for " + f.op() + " and " + op + " cannot be combined");
            }
            all.addAll(f.claims());
        }
        this.claims = Set.copyOf(all);
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<KernelClaim> claims() {
        return claims;
    }

    @Override
    public Support supports(Node node) {
        List<String> reasons = new ArrayList<>();
        for (KernelFactory f : delegates) {
            Support s = f.supports(node);
            if (s.isSupported()) {
                return s;
            }
            reasons.add(s.reason());
        }
        return Support.no(String.join("; ", reasons));
    }

    /** Prepares with the first delegate that accepts the node, preparing each candidate once. */
    @Override
    public Kernel prepare(Node node) {
        List<String> reasons = new ArrayList<>();
        for (KernelFactory f : delegates) {
            try {
                return f.prepare(node);
            } catch (InvalidNodeException e) {
                String prefix = node.describe() + ": ";
                String m = e.getMessage();
                reasons.add(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
            }
        }
        throw new InvalidNodeException(node, "no reference kernel accepts it: " + String.join("; ", reasons));
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        Set<Integer> all = new TreeSet<>();
        for (KernelFactory f : delegates) {
            all.addAll(f.valueInputs(node));
        }
        return all;
    }
}
