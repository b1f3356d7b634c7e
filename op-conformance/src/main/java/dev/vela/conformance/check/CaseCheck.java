package dev.vela.conformance.check;

import dev.vela.conformance.cases.CaseSize;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import java.util.Collection;
import java.util.Optional;

/** A check over the generator's valid cases for the claim. */
public abstract class CaseCheck extends GeneratedCheck<OpCase> {

    @Override
    protected Optional<Gen<OpCase>> values(ClaimContext ctx) {
        return Optional.of(ctx.generator().validCases(ctx.claim()));
    }

    @Override
    protected String describe(OpCase value) {
        return value.describe();
    }

    @Override
    protected CaseSize size(OpCase value) {
        return value.size();
    }

    @Override
    protected Collection<String> labels(OpCase value) {
        return value.labels();
    }
}
