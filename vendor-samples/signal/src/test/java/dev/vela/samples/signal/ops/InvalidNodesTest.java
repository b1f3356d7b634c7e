package dev.vela.samples.signal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

/** Nodes the definitions refuse: each refusal names the node and what is wrong, from supports() and prepare(). */
class InvalidNodesTest {
    @Test
    void energyBinsOutsideTheSpectrum() {
        Node node = Node.builder(OpId.of("tflite", "SignalEnergy"))
                .name("energy")
                .input(TensorType.of(DataType.INT16, 16))
                .attr("start_index", 2)
                .attr("end_index", 9)
                .build();
        Support s = new EnergyOp().supports(node);
        assertThat(s.isSupported()).isFalse();
        assertThat(s.reason()).contains("energy").contains("'end_index' = 9 is outside [2, 8]");
        assertThatThrownBy(() -> new EnergyOp().prepare(node)).isInstanceOf(InvalidNodeException.class);
    }

    @Test
    void missingRequiredAttributeAndWrongElementTypeComeFromTheSchema() {
        Node noShift = Node.builder(OpId.of("tflite", "SignalWindow"))
                .name("w")
                .input(TensorType.of(DataType.INT16, 1, 4))
                .input(TensorType.of(DataType.INT16, 4))
                .build();
        assertThat(new WindowOp().supports(noShift).reason()).contains("required attribute 'shift'");
        Node floats = Node.builder(OpId.of("tflite", "SignalWindow"))
                .name("w")
                .input(TensorType.of(DataType.FLOAT32, 1, 4))
                .input(TensorType.of(DataType.INT16, 4))
                .attr("shift", 12)
                .build();
        assertThat(new WindowOp().supports(floats).reason()).contains("float32");
    }

    @Test
    void rfftOfALengthTfliteMicroCannotRun() {
        Node node = Node.builder(OpId.of("tflite", "SignalRfft"))
                .name("fft")
                .input(TensorType.of(DataType.INT16, 14))
                .attr("fft_length", 14)
                .build();
        assertThat(new RfftOp().supports(node).reason()).contains("factor 7");
        Node typeMismatch = Node.builder(OpId.of("tflite", "SignalRfft"))
                .name("fft")
                .input(TensorType.of(DataType.INT16, 16))
                .attr("fft_length", 16)
                .attr("T", 0)
                .build();
        assertThat(new RfftOp().supports(typeMismatch).reason()).contains("'T' = 0");
    }

    @Test
    void filterBankTablesOfTheWrongLengthAndIndicesOutsideTheSpectrum() {
        Node node = Node.builder(OpId.of("tflite", "SignalFilterBank"))
                .name("fb")
                .input(TensorType.of(DataType.UINT32, 8))
                .input(TensorType.of(DataType.INT16, 4))
                .input(TensorType.of(DataType.INT16, 4))
                .input(TensorType.of(DataType.INT16, 3))
                .input(TensorType.of(DataType.INT16, 3))
                .input(TensorType.of(DataType.INT16, 2))
                .attr("num_channels", 2)
                .build();
        assertThat(new FilterBankOp().supports(node).reason()).contains("'channel_widths' must hold");
    }

    @Test
    void pcanNeedsTheFullGainTable() {
        Node node = Node.builder(OpId.of("tflite", "SignalPCAN"))
                .name("pcan")
                .input(TensorType.of(DataType.UINT32, 4))
                .input(TensorType.of(DataType.UINT32, 4))
                .input(TensorType.of(DataType.INT16, 100))
                .attr("snr_shift", 6)
                .build();
        assertThat(new PcanOp().supports(node).reason()).contains("gain_lut holds 100");
    }

    @Test
    void spectralSubtractionChannelsMustMatchItsInput() {
        Node node = Node.builder(OpId.of("tflite", "SignalFilterBankSpectralSubtraction"))
                .name("ss")
                .input(TensorType.of(DataType.UINT32, 4))
                .outputs(2)
                .attr("num_channels", 5)
                .attr("smoothing", 1)
                .attr("one_minus_smoothing", 1)
                .attr("alternate_smoothing", 1)
                .attr("alternate_one_minus_smoothing", 1)
                .attr("min_signal_remaining", 1)
                .attr("smoothing_bits", 0)
                .attr("spectral_subtraction_bits", 14)
                .build();
        assertThat(new SpectralSubtractionOp().supports(node).reason()).contains("4 channels, num_channels is 5");
    }
}
