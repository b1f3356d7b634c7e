package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class PadTest {

    private final Pad pad = new Pad();
    private final Tensor row = Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3);

    private Tensor padRow(String mode, long... pads) {
        Tensor p = Tensor.ofLongs(Shape.of(pads.length), pads);
        Node n = Node.builder("Pad")
                .opset(19)
                .input(row.type())
                .constantInput(p)
                .attr("mode", mode)
                .build();
        return NnTesting.run(pad, n, row, p);
    }

    @Test
    void modes() {
        assertValues(padRow("constant", 0, 2, 0, 1), 0, 0, 1, 2, 3, 0);
        assertValues(padRow("reflect", 0, 2, 0, 2), 3, 2, 1, 2, 3, 2, 1);
        assertValues(padRow("edge", 0, 2, 0, 1), 1, 1, 1, 2, 3, 3);
        assertValues(padRow("wrap", 0, 2, 0, 1), 2, 3, 1, 2, 3, 1);
    }

    @Test
    void negativePadsCropFirst() {
        assertValues(padRow("constant", 0, -1, 0, 1), 2, 3, 0);
        assertValues(padRow("edge", 0, 1, 0, -2), 1, 1);
        assertValues(padRow("reflect", 0, -1, 0, 1), 2, 3, 2);
    }

    @Test
    void constantValueAndAxesInputs() {
        Tensor p = Tensor.ofLongs(Shape.of(2), 1, 0);
        Tensor value = Tensor.ofFloats(Shape.scalar(), 7);
        Tensor axes = Tensor.ofLongs(Shape.of(1), -2);
        Node n = Node.builder("Pad")
                .opset(18)
                .input(row.type())
                .constantInput(p)
                .input(value.type())
                .constantInput(axes)
                .build();
        Tensor y = NnTesting.run(pad, n, row, p, value, axes);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
        assertValues(y, 7, 7, 7, 1, 2, 3);
        assertThat(pad.valueInputs(n)).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void aPerTensorQuantizedInputKeepsItsQuantizationAndPadsWithTheGivenValue() {
        dev.vela.spi.Quantization q = dev.vela.spi.Quantization.perTensor(0.5f, -3);
        dev.vela.spi.TensorType int8 = dev.vela.spi.TensorType.quantized(dev.vela.spi.DataType.INT8, Shape.of(2), q);
        Tensor x = Tensor.ofBytes(int8, (byte) 4, (byte) -7);
        Tensor p = Tensor.ofLongs(Shape.of(2), 1, 0);
        // the TFLite importer pads with the zero point, real 0
        Tensor value = Tensor.ofBytes(
                dev.vela.spi.TensorType.quantized(dev.vela.spi.DataType.INT8, Shape.scalar(), q), (byte) -3);
        Node n = Node.builder("Pad")
                .opset(18)
                .input(int8)
                .constantInput(p)
                .input(value.type())
                .build();
        Tensor y = NnTesting.run(pad, n, x, p, value);
        assertThat(y.type()).isEqualTo(dev.vela.spi.TensorType.quantized(dev.vela.spi.DataType.INT8, Shape.of(3), q));
        assertThat(y.toByteArray()).containsExactly(-3, 4, -7);
    }

    @Test
    void attributesBeforeOpset11AndAnyElementType() {
        Tensor ints = Tensor.ofInts(Shape.of(2), 5, 6);
        Node n = Node.builder("Pad")
                .opset(2)
                .input(ints.type())
                .attr("pads", 1, 1)
                .attr("value", 9f)
                .build();
        Tensor y = NnTesting.run(pad, n, ints);
        assertThat(new long[] {y.getLong(0), y.getLong(1), y.getLong(2), y.getLong(3)})
                .containsExactly(9, 5, 6, 9);
        assertThat(pad.valueInputs(n)).isEmpty();
    }

    @Test
    void refusesInvalidNodes() {
        Tensor p = Tensor.ofLongs(Shape.of(3), 1, 1, 1);
        Node odd = Node.builder("Pad")
                .name("p")
                .opset(13)
                .input(row.type())
                .constantInput(p)
                .build();
        assertThatThrownBy(() -> pad.prepare(odd))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("p")
                .hasMessageContaining("expected 4");
        Tensor p4 = Tensor.ofLongs(Shape.of(4), 0, 0, 0, 1);
        Node wrap = Node.builder("Pad")
                .opset(13)
                .input(row.type())
                .constantInput(p4)
                .attr("mode", "wrap")
                .build();
        assertThatThrownBy(() -> pad.prepare(wrap)).hasMessageContaining("opset 19");
        Node bogus = Node.builder("Pad")
                .opset(13)
                .input(row.type())
                .constantInput(p4)
                .attr("mode", "mirror")
                .build();
        assertThatThrownBy(() -> pad.prepare(bogus)).hasMessageContaining("mode");
        Node unknown =
                Node.builder("Pad").opset(13).input(row.type()).input(p4.type()).build();
        assertThatThrownBy(() -> pad.prepare(unknown)).hasMessageContaining("constant");
        Tensor crop = Tensor.ofLongs(Shape.of(4), 0, -2, 0, -2);
        Node tooMuch = Node.builder("Pad")
                .opset(13)
                .input(row.type())
                .constantInput(crop)
                .build();
        assertThatThrownBy(() -> pad.prepare(tooMuch)).hasMessageContaining("crop");
    }
}
