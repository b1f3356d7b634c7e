package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.TensorType;

/** Cases for ONNX Size: rank 0..4, some empty (size 0). Invalid nodes: wrong arity. */
public final class SizeCases extends OpCases {

    /** Creates the generator. */
    public SizeCases() {
        super("Size", Families.ALL, 0, 2);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(CaseSupport.shapes()
                .map(s -> node().input(TensorType.of(claim.dataType(), s)).build()));
    }
}
