package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.CaseDiscarded;
import dev.vela.conformance.property.PropertyResult;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.spi.Kernel;
import dev.vela.spi.Support;
import java.util.Optional;

/**
 * {@code supports()} is honest: it never throws, a yes means {@code prepare()} succeeds, and a
 * claim whose factory declines every generated case fails (the claim would certify nothing).
 */
public final class SupportsHonestyCheck extends CaseCheck {

    @Override
    public String id() {
        return "supports-honest";
    }

    @Override
    public String title() {
        return "supports() says yes only for nodes prepare() accepts";
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Support s;
        try {
            s = ctx.vendor().supports(c.node());
        } catch (RuntimeException e) {
            throw new CheckFailure("supports() threw instead of answering: " + e, e);
        }
        if (s == null) {
            throw new CheckFailure("supports() returned null");
        }
        CaseDiscarded.assume(s.isSupported(), "declined by supports()");
        try (Kernel k = ctx.vendor().prepare(c.node())) {
            if (k == null) {
                throw new CheckFailure("prepare() returned null after supports() said yes");
            }
        } catch (RuntimeException e) {
            throw new CheckFailure("supports() said yes but prepare() threw: " + e, e);
        }
    }

    @Override
    protected CheckResult nothingRun(PropertyResult<OpCase> result, long millis) {
        return new CheckResult(
                id(),
                title(),
                CheckStatus.FAILED,
                0,
                result.casesDiscarded(),
                result.statistics().counts(),
                "supports() declined all " + result.casesDiscarded()
                        + " generated cases of the claim: it certifies nothing",
                Optional.empty(),
                Optional.empty(),
                millis);
    }
}
