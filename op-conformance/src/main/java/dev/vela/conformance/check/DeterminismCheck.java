package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import java.util.List;

/** Determinism: the same inputs give bit-identical outputs, invoked twice on one kernel and once on a freshly prepared one. */
public final class DeterminismCheck extends CaseCheck {

    @Override
    public String id() {
        return "determinism";
    }

    @Override
    public String title() {
        return "the same inputs give bit-identical outputs";
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        List<Tensor> first;
        List<Tensor> second;
        try (Kernel k = Harness.prepareVendor(ctx, c.node())) {
            first = Harness.allocate(Harness.outputTypes(k), (byte) 0);
            Harness.invokeVendor(k, c.inputs(), first);
            second = Harness.allocate(Harness.outputTypes(k), (byte) 0);
            Harness.invokeVendor(k, c.inputs(), second);
        }
        compare(first, second, "a second invocation of the same kernel");
        compare(first, Harness.runVendor(ctx, c, (byte) 0), "an invocation of a freshly prepared kernel");
    }

    private static void compare(List<Tensor> first, List<Tensor> other, String what) {
        for (int i = 0; i < first.size(); i++) {
            int e = Harness.firstDifferentElement(first.get(i), other.get(i));
            if (e >= 0) {
                throw new CheckFailure("output " + i + " differs in " + what + ": element " + Harness.element(first.get(i), e)
                        + " then " + Harness.element(other.get(i), e));
            }
        }
    }
}
