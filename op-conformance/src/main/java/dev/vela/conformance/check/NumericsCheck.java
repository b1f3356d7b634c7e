package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.tolerance.Comparison;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import java.util.List;

/**
 * Numerics: every output agrees with the reference's under the tolerance policy (NaN, Inf and empty tensors
 * included), whatever number of threads the invocation allows, on every invocation of a prepared kernel. One
 * prepared kernel is invoked four times, each time with scratch filled with other garbage
 * ({@link Harness#scratch}): on the case's inputs with {@code Invocation.threads()} 1; on other inputs (the
 * case's, rotated by one element) so that a kernel keeping results or partial sums from one call to the next
 * shows; then on the case's inputs again with 2 and 3 threads (a split that is even and one that is not). Each
 * result is held to the reference on its own: a kernel may split a reduction differently per thread count, so
 * the results need not be bitwise equal to each other (determinism is required per thread count, by the
 * determinism check).
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
        List<Tensor> magnitudes = ctx.generator().sumsOfTerms(c) ? Harness.magnitudes(ctx, c) : null;
        try (Kernel kernel = Harness.prepareVendor(ctx, c.node())) {
            for (int threads : THREAD_COUNTS) {
                List<Tensor> actual = Harness.allocate(Harness.outputTypes(kernel), (byte) 0);
                Harness.invokeVendor(kernel, c.inputs(), actual, threads);
                compare(
                        ctx,
                        c,
                        expected,
                        magnitudes,
                        actual,
                        k,
                        threads == 1 ? "" : " (invoked with " + threads + " threads)");
                if (threads == 1) {
                    otherInputs(ctx, c, kernel, k);
                }
            }
        }
    }

    /** The second invocation of the prepared kernel, on other inputs, against the reference for those inputs. */
    private static void otherInputs(ClaimContext ctx, OpCase c, Kernel kernel, int k) {
        List<Tensor> rotated = Harness.rotated(c, 1);
        if (!Harness.differ(rotated, c.inputs())) {
            return;
        }
        OpCase other = new OpCase(c.node(), rotated, c.labels());
        List<Tensor> expected;
        try {
            expected = Harness.runReference(ctx, other);
        } catch (KitError e) {
            return; // values valid in one arrangement only (none of the generated operators has such inputs today)
        }
        List<Tensor> actual = Harness.allocate(Harness.outputTypes(kernel), (byte) 0);
        Harness.invokeVendor(kernel, rotated, actual);
        List<Tensor> magnitudes = ctx.generator().sumsOfTerms(other) ? Harness.magnitudes(ctx, other) : null;
        compare(
                ctx,
                other,
                expected,
                magnitudes,
                actual,
                k,
                " (second invocation of one prepared kernel, on the inputs rotated by "
                        + "one element; the first invocation, on the case's inputs, was right)");
    }

    private static void compare(
            ClaimContext ctx,
            OpCase c,
            List<Tensor> expected,
            List<Tensor> magnitudes,
            List<Tensor> actual,
            int k,
            String with) {
        if (actual.size() != expected.size()) {
            throw new CheckFailure("kernel has " + actual.size() + " outputs, the reference " + expected.size() + with);
        }
        for (int i = 0; i < expected.size(); i++) {
            Comparison cmp = ctx.policy()
                    .check(
                            actual.get(i),
                            expected.get(i),
                            c.node().op(),
                            k,
                            magnitudes == null ? null : magnitudes.get(i));
            if (!cmp.passed()) {
                throw new CheckFailure("output " + i + with + ": " + cmp.describe());
            }
        }
    }
}
