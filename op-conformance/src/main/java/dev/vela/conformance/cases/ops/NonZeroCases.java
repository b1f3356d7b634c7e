package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.cases.TensorGens;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Cases for ONNX NonZero: rank 0..4 (some empty) value inputs (the count decides the output
 * shape), about half the values 0 (-0.0 counts as zero, NaN as non-zero). Invalid nodes: wrong arity.
 */
public final class NonZeroCases extends OpCases {

    /** Creates the generator. */
    public NonZeroCases() {
        super("NonZero", Families.ALL, 0, 2);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Double> value = Gens.frequency(
                Gens.weighted(1, Gens.constant(0.0)), Gens.weighted(1, CaseSupport.standardValues(claim.dataType())));
        return Gens.tuples(CaseSupport.shapes(), CaseSupport.pool(value)).map(t -> {
            Tensor x = TensorGens.tiled(TensorType.of(claim.dataType(), t.first()), t.second());
            return CaseSupport.caseOf(node().constantInput(x).build(), List.of());
        });
    }
}
