package dev.vela.conformance.cases;

import dev.vela.conformance.property.Gen;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Layout;
import dev.vela.spi.OpId;
import java.util.Optional;
import java.util.Set;

/**
 * Generates conformance cases for one operator: valid nodes with inputs for each claim it
 * covers, and invalid nodes a kernel must refuse. One small class per operator; register it in
 * {@link CaseGenerators#builtIn()} or through {@code META-INF/services}.
 */
public interface CaseGenerator {

    /** @return the operator */
    OpId op();

    /** @return the activation types it generates cases for */
    Set<DataType> dataTypes();

    /** @return the layouts it generates cases for; {@link Layout#ANY} for layout-independent operators */
    default Set<Layout> layouts() {
        return Set.of(Layout.ANY);
    }

    /**
     * @param claim a claim
     * @return whether this generator produces cases for it
     */
    default boolean covers(KernelClaim claim) {
        return claim.op().equals(op())
                && dataTypes().contains(claim.dataType())
                && layouts().contains(claim.layout());
    }

    /**
     * @param claim a covered claim
     * @return valid cases (nodes the reference accepts, with inputs), shrinking along meaningful axes
     */
    Gen<OpCase> validCases(KernelClaim claim);

    /**
     * @param claim a covered claim
     * @return nodes the reference refuses, which every kernel must refuse with an exception; empty if none are generated
     */
    default Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        return Optional.empty();
    }

    /**
     * @param c a case
     * @return K, the number of terms each output element sums, which widens float tolerances; 1 for elementwise ops
     */
    default int reductionSize(OpCase c) {
        return 1;
    }

    /**
     * Whether each output of the case is a sum of terms whose magnitudes the reference computes when run on the
     * inputs' absolute values (a matrix product, a convolution, a sum): the tolerance then allows the rounding
     * error of accumulating those terms where they cancel ({@code TolerancePolicy.check} with magnitudes).
     *
     * @param c a case
     * @return false by default
     */
    default boolean sumsOfTerms(OpCase c) {
        return false;
    }
}
