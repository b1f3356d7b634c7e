package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int16;
import static dev.vela.reference.quantized.QuantTesting.int8;
import static dev.vela.reference.quantized.QuantTesting.node;
import static dev.vela.reference.quantized.QuantTesting.q;
import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.quantized.QuantizedArithmetic.Operation;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Add / Sub / Mul against hand-derived TFLite arithmetic. With equal scales 1.0 the input
 * multipliers are 0.5 = (2^30, 0) and the output multiplier 2 / 2^20 = (2^30, -18) (int8) or
 * 2 / 2^15 = (2^30, -13) (int16), so sums are exact and only the final clamp shows.
 */
class QuantizedArithmeticTest {

    private final QuantizedArithmetic add = new QuantizedArithmetic(Operation.ADD);
    private final QuantizedArithmetic sub = new QuantizedArithmetic(Operation.SUB);
    private final QuantizedArithmetic mul = new QuantizedArithmetic(Operation.MUL);

    private static Tensor run(QuantizedArithmetic f, Node n) {
        return run1(f, n, n.inputValue(0).get(), n.inputValue(1).get());
    }

    @Test
    void addSaturatesAtBothEnds() {
        Tensor a = int8(Shape.of(3), 1f, 0, 3, 100, -100);
        Tensor b = int8(Shape.of(3), 1f, 0, 4, 100, -100);
        assertThat(values(run(add, node("Add", 1f, 0, a, b).build()))).containsExactly(7, 127, -128);
    }

    @Test
    void addRescalesInputsWithDifferentScalesAndZeroPoints() {
        // 10 * 0.5 + (-6) * 0.25 = 3.5 -> 7 at scale 0.5: scaled inputs 5242880 and -1572864, sum 3670016
        Tensor a = int8(Shape.of(1), 0.5f, 0, 10);
        Tensor b = int8(Shape.of(1), 0.25f, 0, -6);
        assertThat(values(run(add, node("Add", 0.5f, 0, a, b).build()))).containsExactly(7);
        Tensor az = int8(Shape.of(1), 1f, 5, 8);
        Tensor bz = int8(Shape.of(1), 1f, -2, 2);
        assertThat(values(run(add, node("Add", 1f, 10, az, bz).build()))).containsExactly(17);
    }

    @Test
    void addBroadcastsAndAppliesFusedRelu() {
        Tensor a = int8(Shape.of(2, 1), 1f, 0, 1, -10);
        Tensor b = int8(Shape.of(1, 3), 1f, 0, 1, 2, 3);
        Tensor y = run(add, node("Add", 1f, 0, a, b).attr("activation", "Relu").build());
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(values(y)).containsExactly(2, 3, 4, 0, 0, 0);
    }

    @Test
    void subInt8AndInt16() {
        Tensor a = int8(Shape.of(2), 1f, 0, 3, -100);
        Tensor b = int8(Shape.of(2), 1f, 0, 4, 100);
        assertThat(values(run(sub, node("Sub", 1f, 0, a, b).build()))).containsExactly(-1, -128);
        // int16: left shift 15; 1000 - (-3000) = 4000 exactly; 30000 - (-30000) saturates
        Tensor a16 = int16(Shape.of(2), 1f, 1000, 30000);
        Tensor b16 = int16(Shape.of(2), 1f, -3000, -30000);
        Tensor y = run(sub, node("Sub", 1f, 0, a16, b16).build());
        assertThat(y.dataType()).isEqualTo(DataType.INT16);
        assertThat(values(y)).containsExactly(4000, 32767);
    }

    @Test
    void mulShowsTfliteDoubleRounding() {
        // real multiplier 0.5 * 0.5 / 1 = 0.25 = (2^30, -1): SRDHM rounds, then the shift rounds again
        Tensor a = int8(Shape.of(4), 0.5f, 0, 5, 3, -5, 100);
        Tensor b = int8(Shape.of(4), 0.5f, 0, 1, 1, 1, 100);
        // 1.25 -> 2.5 -> 3 -> 1.5 -> 2; 0.75 -> 1; -1.25 -> -2 (SRDHM) -> -1; 2500 -> 127
        assertThat(values(run(mul, node("Mul", 1f, 0, a, b).build()))).containsExactly(2, 1, -1, 127);
    }

    @Test
    void mulWithZeroPoints() {
        Tensor a = int8(Shape.of(1), 0.5f, 2, 6); // 4 -> 2.0
        Tensor b = int8(Shape.of(1), 0.5f, -1, 2); // 3 -> 1.5
        // 12 * 0.25 / 0.25 = 12 (multiplier 1.0), + zp 3
        assertThat(values(run(mul, node("Mul", 0.25f, 3, a, b).build()))).containsExactly(15);
    }

    @Test
    void refusesInt16MulWithZeroPointsMixedTypesAndFloat() {
        Tensor a = q(DataType.INT16, Shape.of(1), Quantization.perTensor(1f, 1), 1);
        Tensor b = int16(Shape.of(1), 1f, 1);
        assertThatThrownBy(() -> mul.prepare(node("Mul", 1f, 0, a, b).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("mul_under_test")
                .hasMessageContaining("zero point 0");
        Tensor c = int8(Shape.of(1), 1f, 0, 1);
        assertThatThrownBy(() -> add.prepare(node("Add", 1f, 0, b, c).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("int8")
                .hasMessageContaining("int16");
        Tensor f = Tensor.ofFloats(Shape.of(1), 1f);
        assertThatThrownBy(() -> add.prepare(node("Add", 1f, 0, f, f).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("float kernel");
        Tensor plain = Tensor.ofBytes(dev.vela.spi.TensorType.of(DataType.INT8, 1), (byte) 1);
        assertThatThrownBy(() -> add.prepare(node("Add", 1f, 0, plain, c).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("no quantization");
    }
}
