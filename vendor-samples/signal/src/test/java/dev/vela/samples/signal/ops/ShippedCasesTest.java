package dev.vela.samples.signal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.custom.AdmissionCases;
import dev.vela.conformance.custom.AdmissionCheck;
import dev.vela.conformance.custom.DefinitionReference;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.samples.signal.SignalProvider;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.KernelState;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admission cases this jar ships, read and checked by the conformance kit's own reader and admission check
 * (as {@code vela:certify} runs them): every file parses, every claim has at least the default minimum of 3 valid
 * cases, the definition's reference and the kernel match every expected output, and refuse every invalid node with
 * the expected words.
 */
class ShippedCasesTest {
    private static final SignalProvider PROVIDER = new SignalProvider();
    private static final AdmissionCases CASES = AdmissionCases.of(SignalProvider.class);

    static Stream<KernelClaim> claims() {
        List<KernelClaim> all = new ArrayList<>();
        for (KernelFactory f : PROVIDER.factories()) {
            all.addAll(f.claims());
        }
        all.sort(null);
        return all.stream();
    }

    @Test
    void everyCaseFileParses() {
        assertThat(CASES.errors()).isEmpty();
        assertThat(PROVIDER.definitions()).hasSize(9);
        for (OperatorDefinition d : PROVIDER.definitions()) {
            assertThat(CASES.forOp(d.op())).as(d.toString()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(CASES.hashesFor(d.op())).as(d.toString()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claims")
    void claimPassesTheKitsAdmissionCheck(KernelClaim claim) {
        KernelFactory factory = PROVIDER.factories().stream()
                .filter(f -> f.op().equals(claim.op()))
                .findFirst()
                .orElseThrow();
        OperatorDefinition definition = PROVIDER.definitions().stream()
                .filter(d -> d.op().equals(claim.op()))
                .findFirst()
                .orElseThrow();
        var result = AdmissionCheck.run(
                claim,
                factory,
                new DefinitionReference(definition),
                CASES.forOp(claim.op()),
                CASES.errorsFor(claim.op()),
                AdmissionCheck.DEFAULT_MINIMUM);
        assertThat(result.status()).as(result.message()).isEqualTo(CheckStatus.PASSED);
    }

    static Tensor initial(KernelState s) {
        Tensor t = Tensor.allocate(s.type());
        t.copyFrom(s.initialValue());
        return t;
    }
}
