package dev.vela.conformance.cases;

import dev.vela.conformance.property.Gen;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.OpId;
import java.util.Optional;
import java.util.Set;

/**
 * A case generator whose quantized cases carry the numerics flavour the certification profile names (D15), as the
 * attribute {@value NumericsFlavour#ATTRIBUTE}: the reference and the kernel under test then both compute that
 * flavour. A case is quantized when an input or an output has quantization parameters. With {@link
 * NumericsFlavour#TFLM}, the meaning of a node without the attribute, cases are unchanged.
 */
public final class FlavouredCases implements CaseGenerator {

    private final CaseGenerator delegate;
    private final NumericsFlavour flavour;

    private FlavouredCases(CaseGenerator delegate, NumericsFlavour flavour) {
        this.delegate = delegate;
        this.flavour = flavour;
    }

    /**
     * @param generator a generator
     * @param flavour the flavour quantized cases follow
     * @return the generator itself for {@code tflm}, otherwise one whose quantized cases carry the flavour
     */
    public static CaseGenerator of(CaseGenerator generator, NumericsFlavour flavour) {
        return flavour == NumericsFlavour.TFLM ? generator : new FlavouredCases(generator, flavour);
    }

    /**
     * @param c a case
     * @param flavour a flavour
     * @return the case with its node carrying the flavour when the case is quantized, else the case itself
     */
    public static OpCase stamp(OpCase c, NumericsFlavour flavour) {
        Node n = c.node();
        if (!isQuantized(n) || n.attributes().has(NumericsFlavour.ATTRIBUTE)) {
            return c;
        }
        Attributes attributes = Attributes.builder()
                .putAll(n.attributes())
                .put(NumericsFlavour.ATTRIBUTE, flavour.label())
                .build();
        return new OpCase(n.withAttributes(attributes), c.inputs(), c.labels());
    }

    private static boolean isQuantized(Node n) {
        for (int i = 0; i < n.inputCount(); i++) {
            if (n.hasInput(i) && n.inputType(i).quantization().isPresent()) {
                return true;
            }
        }
        for (int i = 0; i < n.outputCount(); i++) {
            if (n.outputQuantization(i).isPresent()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public OpId op() {
        return delegate.op();
    }

    @Override
    public Set<DataType> dataTypes() {
        return delegate.dataTypes();
    }

    @Override
    public Set<Layout> layouts() {
        return delegate.layouts();
    }

    @Override
    public boolean covers(KernelClaim claim) {
        return delegate.covers(claim);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return delegate.validCases(claim).map(c -> stamp(c, flavour));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return delegate.invalidNodes(claim);
    }

    @Override
    public int reductionSize(OpCase c) {
        return delegate.reductionSize(c);
    }

    @Override
    public boolean sumsOfTerms(OpCase c) {
        return delegate.sumsOfTerms(c);
    }
}
