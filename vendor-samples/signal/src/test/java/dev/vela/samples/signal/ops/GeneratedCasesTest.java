package dev.vela.samples.signal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.samples.signal.SignalProvider;
import dev.vela.spi.GeneratedCase;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every definition's generator makes nodes its schema admits, whose reference runs, deterministically. */
class GeneratedCasesTest {
    @Test
    void generatedCasesAreValidAndRunTheSameTwice() {
        for (OperatorDefinition d : new SignalProvider().definitions()) {
            assertThat(d.generator()).as(d.toString()).isPresent();
            for (int i = 0; i < 60; i++) {
                int size = i * 100 / 59;
                GeneratedCase c = d.generator().get().generate(new SplittableRandom(1000 + i), size);
                GeneratedCase again = d.generator().get().generate(new SplittableRandom(1000 + i), size);
                assertThat(again.node().attributes())
                        .as("%s size %d: same seed, same case", d, size)
                        .isEqualTo(c.node().attributes());
                assertThat(d.violations(c.node())).as("%s size %d", d, size).isEmpty();
                Kernel k = d.reference().prepare(c.node());
                assertThat(k.outputTypes()).isEqualTo(d.inferOutputTypes(c.node()));
                assertThat(run(k, c)).as("%s size %d: deterministic", d, size).isEqualTo(run(k, c));
            }
        }
    }

    private static List<String> run(Kernel k, GeneratedCase c) {
        List<Tensor> outputs = k.outputTypes().stream().map(Tensor::allocate).toList();
        List<Tensor> state = k.state().stream().map(ShippedCasesTest::initial).toList();
        k.invoke(Invocation.of(c.inputs(), outputs, null, 1, state));
        return outputs.stream()
                .map(t -> java.util.Arrays.toString(t.toByteArray()))
                .toList();
    }
}
