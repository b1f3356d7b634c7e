package dev.vela.samples.signal.ops;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One TFLite Micro signal operator: its definition (schema, inference, this class as the reference) and its kernel
 * factory. TFLite {@code CUSTOM} operators import as {@code tflite:<custom_code>}, so the operators live in the
 * {@value #DOMAIN} domain under TFLite Micro's registration names.
 *
 * <p>A subclass describes the schema, infers output types from a node the schema admits, and makes the kernel.
 * {@link #supports} and {@link #prepare} go through the definition's checked inference, so a kernel never sees a
 * node its definition refuses.
 */
public abstract class SignalOp implements KernelFactory {
    /** The domain TFLite custom operators import into. */
    public static final String DOMAIN = "tflite";

    private final OpId op;
    private final Set<KernelClaim> claims;
    private volatile OperatorDefinition definition;

    /**
     * @param name       the TFLite custom code, e.g. {@code SignalWindow}
     * @param claimTypes element types of the first input this factory claims
     */
    protected SignalOp(String name, DataType... claimTypes) {
        this.op = OpId.of(DOMAIN, name);
        Set<KernelClaim> c = new LinkedHashSet<>();
        for (DataType t : claimTypes) {
            c.add(KernelClaim.of(op, t));
        }
        this.claims = Set.copyOf(c);
    }

    /** Adds inputs, outputs, type variables, attributes and documentation to the definition. */
    protected abstract void describe(OperatorDefinition.Builder definition);

    /** Output types of a node whose arity, element types and attributes the schema admitted. */
    protected abstract List<TensorType> infer(Node node);

    /** The kernel for a node whose output types are known. */
    protected abstract Kernel kernel(Node node, List<TensorType> outputTypes);

    /**
     * A valid case of this operator for the kit's property engine: a node and values for its inputs, from
     * {@code random} only, growing with {@code size} (0..100).
     */
    protected abstract dev.vela.spi.GeneratedCase generate(java.util.random.RandomGenerator random, int size);

    /** This operator's definition, with this class as its reference implementation. */
    public final OperatorDefinition definition() {
        OperatorDefinition d = definition;
        if (d == null) {
            OperatorDefinition.Builder b = OperatorDefinition.builder(op, 1);
            describe(b);
            d = b.inference(this::infer)
                    .reference(this)
                    .generator(this::generate)
                    .build();
            definition = d;
        }
        return d;
    }

    @Override
    public final OpId op() {
        return op;
    }

    @Override
    public final Set<KernelClaim> claims() {
        return claims;
    }

    @Override
    public final Support supports(Node node) {
        try {
            definition().inferOutputTypes(node);
            return Support.yes();
        } catch (InvalidNodeException e) {
            return Support.no(e.getMessage());
        }
    }

    @Override
    public final Kernel prepare(Node node) {
        return kernel(node, definition().inferOutputTypes(node));
    }

    /** The shape of input {@code index}, refused unless it has {@code rank} dimensions. */
    static dev.vela.spi.Shape shapeOfRank(Node node, int index, String name, int rank) {
        dev.vela.spi.Shape s = node.inputType(index).shape();
        if (s.rank() != rank) {
            throw new InvalidNodeException(
                    node, "input " + index + " '" + name + "' must have rank " + rank + ", got " + s);
        }
        return s;
    }

    /** An attribute that must lie in {@code [min, max]}. */
    static int intAttribute(Node node, String name, long min, long max) {
        long v = node.attributes().getLong(name);
        if (v < min || v > max) {
            throw new InvalidNodeException(
                    node, "attribute '" + name + "' = " + v + " is outside [" + min + ", " + max + "]");
        }
        return (int) v;
    }

    /** As {@link #intAttribute(Node, String, long, long)} for an optional attribute. */
    static int intAttribute(Node node, String name, long defaultValue, long min, long max) {
        return node.attributes().has(name) ? intAttribute(node, name, min, max) : (int) defaultValue;
    }
}
