package dev.vela.runtime.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class OutputAgreementTest {

    @Test
    void errorsCosineAndTopOneAgreementByHand() {
        OutputAgreement a = new OutputAgreement("y");
        // rows: [1, 3] vs [1, 2.5] (argmax 1 both), [4, 0] vs [3.5, 4] (argmax 0 vs 1)
        a.add(Tensor.ofFloats(Shape.of(2, 2), 1, 3, 4, 0), Tensor.ofFloats(Shape.of(2, 2), 1, 2.5f, 3.5f, 4));
        assertThat(a.maxAbsError()).isEqualTo(4);
        assertThat(a.meanAbsError()).isEqualTo((0 + 0.5 + 0.5 + 4) / 4);
        // dot = 1 + 7.5 + 14 + 0 = 22.5; |e| = sqrt(26); |a| = sqrt(1 + 6.25 + 12.25 + 16) = sqrt(35.5)
        assertThat(a.cosine()).isCloseTo(22.5 / Math.sqrt(26 * 35.5), within(1e-12));
        assertThat(a.top1Agreement()).isEqualTo(0.5);
    }

    @Test
    void singleValueOutputsAreNoClassifierAndZerosAgreeFully() {
        OutputAgreement a = new OutputAgreement("s");
        a.add(Tensor.ofFloats(Shape.of(1, 1), 0), Tensor.ofFloats(Shape.of(1, 1), 0));
        assertThat(a.top1Agreement()).isNaN();
        assertThat(a.cosine()).isEqualTo(1);
    }

    @Test
    void quantizedOutputsCompareAsRealValues() {
        TensorType q = TensorType.quantized(DataType.INT8, Shape.of(2), Quantization.perTensor(0.5f, 2));
        OutputAgreement a = new OutputAgreement("q");
        a.add(Tensor.ofBytes(q, (byte) 4, (byte) 2), Tensor.ofBytes(q, (byte) 5, (byte) 2));
        assertThat(a.maxAbsError()).isEqualTo(0.5);
    }

    @Test
    void aNanOnOneSideOnlyIsAnInfiniteError() {
        OutputAgreement a = new OutputAgreement("n");
        a.add(Tensor.ofFloats(Shape.of(2), Float.NaN, 1), Tensor.ofFloats(Shape.of(2), Float.NaN, 1));
        assertThat(a.maxAbsError()).isZero();
        a.add(Tensor.ofFloats(Shape.of(2), 1, 1), Tensor.ofFloats(Shape.of(2), Float.NaN, 1));
        assertThat(a.maxAbsError()).isInfinite();
        assertThatThrownBy(() -> a.add(Tensor.ofFloats(Shape.of(1), 1), Tensor.ofFloats(Shape.of(2), 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'n'");
    }
}
