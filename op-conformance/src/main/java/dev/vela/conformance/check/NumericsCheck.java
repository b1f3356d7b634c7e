package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.tolerance.Comparison;
import dev.vela.spi.Tensor;
import java.util.List;

/** Numerics: every output agrees with the reference's under the tolerance policy (NaN, Inf and empty tensors included). */
public final class NumericsCheck extends CaseCheck {

    @Override
    public String id() {
        return "numerics";
    }

    @Override
    public String title() {
        return "outputs match the reference under the tolerance policy";
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        List<Tensor> expected = Harness.runReference(ctx, c);
        List<Tensor> actual = Harness.runVendor(ctx, c, (byte) 0);
        if (actual.size() != expected.size()) {
            throw new CheckFailure("kernel has " + actual.size() + " outputs, the reference " + expected.size());
        }
        int k = ctx.generator().reductionSize(c);
        for (int i = 0; i < expected.size(); i++) {
            Comparison cmp = ctx.policy().check(actual.get(i), expected.get(i), c.node().op(), k);
            if (!cmp.passed()) {
                throw new CheckFailure("output " + i + ": " + cmp.describe());
            }
        }
    }
}
