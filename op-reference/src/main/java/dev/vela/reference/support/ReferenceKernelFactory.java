package dev.vela.reference.support;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Base of the reference factories. {@link #supports(Node)} is honest by construction: it prepares
 * the node and reports the reason {@link #prepare(Node)} would fail with. That is not cheap, but
 * the reference values correctness over speed and is asked only once per node.
 */
public abstract class ReferenceKernelFactory implements KernelFactory {

    private final OpId op;
    private final Set<KernelClaim> claims;

    /**
     * @param opName operator in the default domain, or {@code domain:name} (e.g. {@code tflite:SVDF})
     * @param dataTypes the activation types claimed
     * @param layouts the layouts claimed; none means {@link Layout#ANY}
     */
    protected ReferenceKernelFactory(String opName, Set<DataType> dataTypes, Layout... layouts) {
        this.op = OpId.parse(opName);
        Set<KernelClaim> c = new TreeSet<>();
        Set<Layout> ls = layouts.length == 0 ? EnumSet.of(Layout.ANY) : EnumSet.of(layouts[0], layouts);
        for (DataType t : dataTypes) {
            for (Layout l : ls) {
                c.add(new KernelClaim(op, t, l));
            }
        }
        this.claims = Set.copyOf(c);
    }

    @Override
    public final OpId op() {
        return op;
    }

    @Override
    public Set<KernelClaim> claims() {
        return claims;
    }

    @Override
    public Support supports(Node node) {
        if (!node.op().equals(op)) {
            return Support.no("factory implements " + op + ", not " + node.op());
        }
        try {
            prepare(node).close();
            return Support.yes();
        } catch (InvalidNodeException e) {
            return Support.no(e.getMessage());
        } catch (RuntimeException e) {
            return Support.no(node.describe() + ": " + e);
        }
    }
}
