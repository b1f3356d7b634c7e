package dev.vela.samples.signal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The noise estimate lives in the session's state tensor, not in the kernel: two states never mix. */
class SpectralSubtractionStateTest {
    private final Kernel kernel = new SpectralSubtractionOp()
            .prepare(Node.builder(OpId.of("tflite", "SignalFilterBankSpectralSubtraction"))
                    .input(TensorType.of(DataType.UINT32, 2))
                    .outputs(2)
                    .attr("num_channels", 2)
                    .attr("smoothing", 8192)
                    .attr("one_minus_smoothing", 8192)
                    .attr("alternate_smoothing", 8192)
                    .attr("alternate_one_minus_smoothing", 8192)
                    .attr("min_signal_remaining", 0)
                    .attr("smoothing_bits", 0)
                    .attr("spectral_subtraction_bits", 14)
                    .build());

    @Test
    void estimateCarriesAcrossInvocationsOfOneStateAndStartsAtZeroInAnother() {
        assertThat(kernel.state()).hasSize(1);
        assertThat(kernel.state().get(0).type()).isEqualTo(TensorType.of(DataType.UINT32, 2));
        Tensor session1 = ShippedCasesTest.initial(kernel.state().get(0));
        Tensor session2 = ShippedCasesTest.initial(kernel.state().get(0));
        assertThat(run(session1, 100)).containsExactly(50, 50);
        assertThat(run(session1, 100)).containsExactly(25, 25);
        assertThat(run(session2, 100)).containsExactly(50, 50);
        assertThat(session1.getLong(0)).isEqualTo(75);
        assertThat(session2.getLong(0)).isEqualTo(50);
    }

    private long[] run(Tensor state, int value) {
        Tensor input = Tensor.allocate(TensorType.of(DataType.UINT32, Shape.of(2)));
        input.setLong(0, value);
        input.setLong(1, value);
        List<Tensor> outputs =
                kernel.outputTypes().stream().map(Tensor::allocate).toList();
        kernel.invoke(Invocation.of(List.of(input), outputs, null, 1, List.of(state)));
        return new long[] {outputs.get(0).getLong(0), outputs.get(0).getLong(1)};
    }
}
