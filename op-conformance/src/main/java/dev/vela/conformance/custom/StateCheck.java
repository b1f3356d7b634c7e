package dev.vela.conformance.custom;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.check.CaseCheck;
import dev.vela.conformance.check.CheckFailure;
import dev.vela.conformance.check.ClaimContext;
import dev.vela.conformance.check.Harness;
import dev.vela.conformance.property.CaseDiscarded;
import dev.vela.conformance.tolerance.Comparison;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stateful kernels (docs/architecture.md D14): for nodes whose reference keeps state, a sequence of invocations of the
 * vendor's kernel, with its declared state carried as a session carries it, matches the reference's sequence under
 * the tolerance policy; after a reset the kernel computes the same sequence again, bit for bit (reset restores the
 * initial state, and the kernel is deterministic across resets). Nodes without state are discarded.
 */
public final class StateCheck extends CaseCheck {

    /** Invocations per sequence. */
    static final int STEPS = 4;

    @Override
    public String id() {
        return "state";
    }

    @Override
    public String title() {
        return "stateful sequences match the reference's, reset restores, deterministic across resets";
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        List<List<Tensor>> expected = new ArrayList<>();
        try (CaseRunner ref = new CaseRunner(Harness.prepareReference(ctx, c.node()))) {
            CaseDiscarded.assume(ref.isStateful(), "the reference keeps no state for this node");
            for (int s = 0; s < STEPS; s++) {
                expected.add(ref.step(c.inputs()));
            }
        }
        Kernel vendor = Harness.prepareVendor(ctx, c.node());
        try (CaseRunner runner = new CaseRunner(vendor)) {
            List<List<Tensor>> first = new ArrayList<>();
            for (int s = 0; s < STEPS; s++) {
                List<Tensor> out = runner.step(c.inputs());
                first.add(out);
                for (int o = 0; o < out.size(); o++) {
                    Comparison cmp = ctx.policy()
                            .check(
                                    out.get(o),
                                    expected.get(s).get(o),
                                    ctx.claim().op(),
                                    ctx.generator().reductionSize(c));
                    if (!cmp.passed()) {
                        throw new CheckFailure("invocation " + (s + 1) + " of " + STEPS + ", output " + o
                                + (runner.isStateful() ? "" : " (the kernel declares no state)") + ": "
                                + cmp.describe());
                    }
                }
            }
            runner.reset();
            for (int s = 0; s < STEPS; s++) {
                List<Tensor> again = runner.step(c.inputs());
                for (int o = 0; o < again.size(); o++) {
                    int at = Harness.firstDifferentElement(
                            again.get(o), first.get(s).get(o));
                    if (at >= 0) {
                        throw new CheckFailure("after reset, invocation " + (s + 1) + " output " + o
                                + " differs from the"
                                + " first sequence at element " + at + ": reset must restore the initial state and the"
                                + " kernel be deterministic");
                    }
                }
            }
        }
    }
}
