package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int16;
import static dev.vela.reference.quantized.QuantTesting.int8;
import static dev.vela.reference.quantized.QuantTesting.q;
import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantizeDequantizeTest {

    private final QuantizeLinear quantize = new QuantizeLinear();
    private final DequantizeLinear dequantize = new DequantizeLinear();

    private static Node.Builder tflite(String op, float scale, long zp, String dtype, Tensor x) {
        return Node.builder(op)
                .name("q")
                .attr(QuantizedTensors.OUTPUT_SCALE, scale)
                .attr(QuantizedTensors.OUTPUT_ZERO_POINT, zp)
                .attr(QuantizedTensors.OUTPUT_DTYPE, dtype)
                .input(x.type());
    }

    @Test
    void tfliteQuantizeRoundsHalfAwayFromZeroAndSaturates() {
        Tensor x = Tensor.ofFloats(Shape.of(5), 1.25f, -1.25f, 100f, -100f, 0f);
        Tensor y = run1(quantize, tflite("QuantizeLinear", 0.5f, 1, "int8", x).build(), x);
        assertThat(y.type())
                .isEqualTo(TensorType.quantized(DataType.INT8, Shape.of(5), Quantization.perTensor(0.5f, 1)));
        assertThat(values(y)).containsExactly(4, -2, 127, -128, 1);
    }

    @Test
    void tfliteRequantizesIntegerInputs() {
        Tensor x = int8(Shape.of(3), 1f, 0, 3, -3, 127);
        // multiplier 0.5 = (2^30, 0): 1.5 -> 2, -1.5 -> -1 (SRDHM rounds half up), 63.5 -> 64
        assertThat(values(run1(
                        quantize, tflite("QuantizeLinear", 2f, 0, "int8", x).build(), x)))
                .containsExactly(2, -1, 64);
        Tensor x16 = int16(Shape.of(2), 0.01f, 1000, -30000);
        // 10.0 / 0.1 = 100; -300 / 0.1 saturates in int8
        assertThat(values(run1(
                        quantize, tflite("QuantizeLinear", 0.1f, 0, "int8", x16).build(), x16)))
                .containsExactly(100, -128);
    }

    @Test
    void onnxQuantizeRoundsHalfToEvenPerTensorAndPerAxis() {
        Tensor x = Tensor.ofFloats(Shape.of(3), 1.25f, -1.25f, 0.75f);
        Tensor s = Tensor.ofFloats(Shape.of(), 0.5f);
        Tensor z = int8(Shape.of(), 1f, 0, 0);
        Node n = Node.builder("QuantizeLinear")
                .input(x.type())
                .constantInput(s)
                .constantInput(z)
                .build();
        Tensor y = run1(quantize, n, x, s, z);
        assertThat(y.type().quantization()).contains(Quantization.perTensor(0.5f, 0));
        assertThat(values(y)).containsExactly(2, -2, 2);

        Tensor xa = Tensor.ofFloats(Shape.of(2, 2), 1, 2, 4, -8);
        Tensor sa = Tensor.ofFloats(Shape.of(2), 1f, 2f);
        Tensor za = Tensor.ofBytes(TensorType.of(DataType.UINT8, 2), (byte) 0, (byte) 10);
        Node na = Node.builder("QuantizeLinear")
                .attr("axis", 0L)
                .input(xa.type())
                .input(sa.type())
                .input(za.type())
                .build();
        Tensor ya = run1(quantize, na, xa, sa, za);
        assertThat(ya.dataType()).isEqualTo(DataType.UINT8);
        assertThat(values(ya)).containsExactly(1, 2, 12, 6);
    }

    @Test
    void dequantizeTfliteAndOnnxForms() {
        Tensor x = int8(Shape.of(3), 0.5f, -1, 1, -1, 127);
        Tensor y = run1(
                dequantize, Node.builder("DequantizeLinear").input(x.type()).build(), x);
        assertThat(y.toFloatArray()).containsExactly(1f, 0f, 64f);
        Tensor xa = q(
                DataType.INT8,
                Shape.of(2, 2),
                Quantization.perAxis(0, new float[] {1f, 0.5f}, new long[] {0, 0}),
                2,
                4,
                2,
                4);
        assertThat(run1(
                                dequantize,
                                Node.builder("DequantizeLinear")
                                        .input(xa.type())
                                        .build(),
                                xa)
                        .toFloatArray())
                .containsExactly(2f, 4f, 1f, 2f);
        Tensor xi = Tensor.ofInts(Shape.of(2), 7, -4);
        Tensor s = Tensor.ofFloats(Shape.of(), 0.25f);
        Tensor yi = run1(
                dequantize,
                Node.builder("DequantizeLinear")
                        .input(xi.type())
                        .input(s.type())
                        .build(),
                xi,
                s);
        assertThat(yi.toFloatArray()).containsExactly(1.75f, -1f);
    }

    @Test
    void dynamicQuantizeLinearAsTheOnnxExample() {
        Tensor x = Tensor.ofFloats(Shape.of(6), 0f, 2f, -3f, -2.5f, 1.34f, 0.5f);
        List<Tensor> out = ReferenceTesting.run(
                new DynamicQuantizeLinear(),
                Node.builder("DynamicQuantizeLinear").input(x.type()).outputs(3).build(),
                x);
        assertThat(values(out.get(0))).containsExactly(153, 255, 0, 26, 221, 179);
        assertThat(out.get(1).toFloatArray()[0]).isEqualTo(5f / 255f);
        assertThat(out.get(2).getLong(0)).isEqualTo(153);
    }

    @Test
    void errorsNameTheNode() {
        Tensor x = int8(Shape.of(2), 1f, 0, 1, 2);
        Node noScale = Node.builder("QuantizeLinear").name("qx").input(x.type()).build();
        assertThatThrownBy(() -> quantize.prepare(noScale))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("qx")
                .hasMessageContaining("output_scale");
        Tensor plain = Tensor.ofBytes(TensorType.of(DataType.INT8, 2), (byte) 1, (byte) 2);
        Node noQ =
                Node.builder("DequantizeLinear").name("dq").input(plain.type()).build();
        assertThatThrownBy(() -> dequantize.prepare(noQ))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("dq")
                .hasMessageContaining("no quantization");
        Tensor xf = Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor s = Tensor.ofFloats(Shape.of(2), 1f, 2f);
        Node wrongAxis = Node.builder("QuantizeLinear")
                .name("qa")
                .attr("axis", 1L)
                .input(xf.type())
                .input(s.type())
                .build();
        assertThatThrownBy(() -> quantize.prepare(wrongAxis))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("qa")
                .hasMessageContaining("axis 1");
    }
}
