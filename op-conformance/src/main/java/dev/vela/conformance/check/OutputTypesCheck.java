package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.spi.Kernel;
import dev.vela.spi.TensorType;
import java.util.List;

/** Shape inference: the kernel's output types equal the reference's for every supported node. */
public final class OutputTypesCheck extends CaseCheck {

    @Override
    public String id() {
        return "output-types";
    }

    @Override
    public String title() {
        return "output types (shape inference) equal the reference's";
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        List<TensorType> expected;
        try (Kernel ref = Harness.prepareReference(ctx, c.node())) {
            expected = ref.outputTypes();
        }
        try (Kernel k = Harness.prepareVendor(ctx, c.node())) {
            List<TensorType> actual = Harness.outputTypes(k);
            if (!actual.equals(expected)) {
                throw new CheckFailure("output types " + actual + " differ from the reference's " + expected);
            }
        }
    }
}
