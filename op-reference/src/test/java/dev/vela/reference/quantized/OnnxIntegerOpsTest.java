package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

/** QLinearConv, QLinearMatMul, ConvInteger and MatMulInteger against the ONNX operator documentation's examples. */
class OnnxIntegerOpsTest {

    private static Tensor u8(Shape s, int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return Tensor.ofBytes(TensorType.of(DataType.UINT8, s), b);
    }

    private static Node nodeOf(String op, Tensor... inputs) {
        Node.Builder b = Node.builder(op).name(op.toLowerCase());
        for (Tensor t : inputs) {
            b.input(t.type());
        }
        return b.build();
    }

    @Test
    void qlinearMatMulOnnxExample() {
        Tensor a = u8(Shape.of(2, 4), 208, 236, 0, 238, 3, 214, 255, 29);
        Tensor b = u8(Shape.of(4, 3), 152, 51, 244, 60, 26, 255, 0, 127, 246, 127, 254, 247);
        Tensor as = Tensor.ofFloats(Shape.of(), 0.0066f);
        Tensor az = u8(Shape.of(), 113);
        Tensor bs = Tensor.ofFloats(Shape.of(), 0.00705f);
        Tensor bz = u8(Shape.of(), 114);
        Tensor ys = Tensor.ofFloats(Shape.of(), 0.0107f);
        Tensor yz = u8(Shape.of(), 118);
        Tensor[] in = {a, as, az, b, bs, bz, ys, yz};
        Tensor y = run1(new QLinearMatMul(), nodeOf("QLinearMatMul", in), in);
        assertThat(values(y)).containsExactly(168, 115, 255, 1, 66, 151);
    }

    @Test
    void qlinearConvRequantizesHalfToEven() {
        Tensor x = u8(Shape.of(1, 1, 2, 2), 10, 15, 30, 40); // minus 10: 0, 5, 20, 30
        Tensor w = u8(Shape.of(1, 1, 1, 1), 3); // minus 1: 2
        Tensor[] in = {
            x,
            Tensor.ofFloats(Shape.of(), 0.5f),
            u8(Shape.of(), 10),
            w,
            Tensor.ofFloats(Shape.of(1), 1f),
            u8(Shape.of(1), 1),
            Tensor.ofFloats(Shape.of(), 2f),
            u8(Shape.of(), 4)
        };
        // acc 0, 10, 40, 60 times 0.25 = 0, 2.5, 10, 15; + 4 before rounding (ONNX reference): 6.5 -> 6
        assertThat(values(run1(new QLinearConv(), nodeOf("QLinearConv", in), in)))
                .containsExactly(4, 6, 14, 19);
    }

    @Test
    void convIntegerOnnxExample() {
        Tensor x = u8(Shape.of(1, 1, 3, 3), 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Tensor w = u8(Shape.of(1, 1, 2, 2), 1, 1, 1, 1);
        Tensor xz = u8(Shape.of(), 1);
        Tensor y = run1(new ConvInteger(), nodeOf("ConvInteger", x, w, xz), x, w, xz);
        assertThat(y.dataType()).isEqualTo(DataType.INT32);
        assertThat(values(y)).containsExactly(12, 16, 24, 28);
    }

    @Test
    void matMulIntegerOnnxExample() {
        Tensor a = u8(Shape.of(4, 3), 11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0);
        Tensor b = u8(Shape.of(3, 2), 1, 4, 2, 5, 3, 6);
        Tensor az = u8(Shape.of(), 12);
        Tensor bz = u8(Shape.of(), 0);
        Tensor y = run1(new MatMulInteger(), nodeOf("MatMulInteger", a, b, az, bz), a, b, az, bz);
        assertThat(values(y)).containsExactly(-38, -83, -44, -98, -50, -113, -56, -128);
    }

    @Test
    void refusesPerChannelParametersOfTheWrongLength() {
        Tensor a = u8(Shape.of(2, 2), 1, 2, 3, 4);
        Tensor bz = u8(Shape.of(3), 0, 0, 0);
        Node n = nodeOf("MatMulInteger", a, a, u8(Shape.of(), 0), bz);
        assertThatThrownBy(() -> new MatMulInteger().prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("matmulinteger")
                .hasMessageContaining("b_zero_point");
    }
}
