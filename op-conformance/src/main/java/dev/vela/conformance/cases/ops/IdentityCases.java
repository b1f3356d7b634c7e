package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.TensorType;

/** Cases for ONNX Identity: rank 0..4, some empty, every element type. Invalid nodes: wrong arity. */
public final class IdentityCases extends OpCases {

    /** Creates the generator. */
    public IdentityCases() {
        super("Identity", Families.ALL, 0, 2);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        return CaseSupport.withRandomInputs(CaseSupport.shapes()
                .map(s -> node().input(TensorType.of(claim.dataType(), s)).build()));
    }
}
