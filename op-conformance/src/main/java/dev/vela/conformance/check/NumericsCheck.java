package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.tolerance.Comparison;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import java.util.List;

/**
 * Numerics: every output agrees with the reference's under the tolerance policy (NaN, Inf and empty tensors
 * included), whatever number of threads the invocation allows. The kernel is invoked with
 * {@code Invocation.threads()} 1, then 2 and 3 (a split that is even and one that is not), and each result is
 * held to the reference on its own: a kernel may split a reduction differently per thread count, so the results
 * need not be bitwise equal to each other (determinism is required per thread count, by the determinism check).
 */
public final class NumericsCheck extends CaseCheck {

    /** The thread counts every case is invoked with: one, an even split and an uneven one. */
    static final int[] THREAD_COUNTS = {1, 2, 3};

    @Override
    public String id() {
        return "numerics";
    }

    @Override
    public String title() {
        return "outputs match the reference under the tolerance policy, with 1, 2 and 3 threads";
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        List<Tensor> expected = Harness.runReference(ctx, c);
        int k = ctx.generator().reductionSize(c);
        try (Kernel kernel = Harness.prepareVendor(ctx, c.node())) {
            for (int threads : THREAD_COUNTS) {
                List<Tensor> actual = Harness.allocate(Harness.outputTypes(kernel), (byte) 0);
                Harness.invokeVendor(kernel, c.inputs(), actual, threads);
                compare(ctx, c, expected, actual, k, threads);
            }
        }
    }

    private static void compare(ClaimContext ctx, OpCase c, List<Tensor> expected, List<Tensor> actual, int k, int threads) {
        String with = threads == 1 ? "" : " (invoked with " + threads + " threads)";
        if (actual.size() != expected.size()) {
            throw new CheckFailure("kernel has " + actual.size() + " outputs, the reference " + expected.size() + with);
        }
        for (int i = 0; i < expected.size(); i++) {
            Comparison cmp = ctx.policy().check(actual.get(i), expected.get(i), c.node().op(), k);
            if (!cmp.passed()) {
                throw new CheckFailure("output " + i + with + ": " + cmp.describe());
            }
        }
    }
}
