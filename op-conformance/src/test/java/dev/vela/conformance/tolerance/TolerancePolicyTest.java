package dev.vela.conformance.tolerance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TolerancePolicyTest {

    private static final OpId ADD = OpId.of("Add");
    private final TolerancePolicy policy = TolerancePolicy.load();

    private static Tensor f32(float... v) {
        return Tensor.ofFloats(Shape.of(v.length), v);
    }

    @Test
    void theBundledPolicyHasAVersionAndTheArchitectureNumbers() {
        assertThat(policy.version()).isNotBlank();
        assertThat(policy.profile()).isEqualTo("default");
        ToleranceRule f32 = policy.rule(ADD, DataType.FLOAT32);
        assertThat(f32.atol()).isEqualTo(1e-5);
        assertThat(f32.rtol()).isEqualTo(1e-4);
        ToleranceRule f16 = policy.rule(ADD, DataType.FLOAT16);
        assertThat(f16.atol()).isEqualTo(2.5e-3);
        assertThat(f16.rtol()).isEqualTo(1e-3);
        assertThat(policy.rule(ADD, DataType.INT8).isExact()).isTrue();
        assertThat(policy.rule(ADD, DataType.INT32).maxDiff()).isZero();
    }

    @Test
    void reductionsWidenRtolBySqrtK() {
        ToleranceRule f32 = policy.rule(ADD, DataType.FLOAT32);
        assertThat(f32.rtolFor(1)).isEqualTo(1e-4);
        assertThat(f32.rtolFor(100)).isEqualTo(1e-4); // 10 * 1.19e-7 * 10 = 1.19e-5 < 1e-4
        // K = 1e6: 10 * 2^-23 * 1000 = 1.1920929e-3
        assertThat(f32.rtolFor(1_000_000))
                .isCloseTo(10 * Math.ulp(1.0f) * 1000, org.assertj.core.data.Offset.offset(1e-12));
        // |1000 - 1000.5| = 0.5 is outside 1e-5 + 1e-4*1000 = 0.10001 but inside 1e-5 + 1.19e-3*1000 for K = 1e6
        assertThat(policy.check(f32(1000.5f), f32(1000f), ADD, 1).passed()).isFalse();
        assertThat(policy.check(f32(1000.5f), f32(1000f), ADD, 1_000_000).passed())
                .isTrue();
    }

    /**
     * A Gemm result of 0.3948 from terms of about 3000 (the java-cpu case the stronger kit found): float32 rounding
     * of the terms is about 1e-4, far above 1e-4 * 0.39 but within 10 * eps * sqrt(K) of the terms' magnitudes.
     */
    @Test
    void sumsWhoseTermsCancelAreAllowedTheRoundingOfTheirMagnitudes() {
        OpId gemm = OpId.of("Gemm");
        Tensor expected = f32(0.39483061f);
        Tensor actual = f32(0.39492425f);
        assertThat(policy.check(actual, expected, gemm, 6).passed()).isFalse();
        assertThat(policy.check(actual, expected, gemm, 6, f32(9000f)).passed()).isTrue();
        // the magnitudes never tighten, and a real error stays an error
        assertThat(policy.check(f32(1000.05f), f32(1000f), gemm, 6, f32(1f)).passed())
                .isTrue();
        assertThat(policy.check(f32(0.5f), expected, gemm, 6, f32(9000f)).passed())
                .isFalse();
        assertThat(policy.version()).isEqualTo("2026.12-1");
    }

    @Test
    void floatsWithinAtolPlusRtolPassAndBeyondFailWithTheWorstElementsFirst() {
        // allowed at 100: 1e-5 + 1e-4 * 100 = 0.01001
        assertThat(policy.check(f32(100.01f, 0f), f32(100f, 0f), ADD, 1).passed())
                .isTrue();
        Tensor actual = Tensor.ofFloats(Shape.of(2, 3), 1f, 2.5f, 3f, 4f, 5f, 7f);
        Tensor expected = Tensor.ofFloats(Shape.of(2, 3), 1f, 2f, 3f, 4f, 5.1f, 6f);
        Comparison c = policy.check(actual, expected, ADD, 1);
        assertThat(c.passed()).isFalse();
        assertThat(c.mismatches()).isEqualTo(3);
        assertThat(c.elements()).isEqualTo(6);
        // Worst = largest error relative to what is allowed there: 0.5/2.1e-4 > 1/6.01e-4 > 0.1/5.1e-4.
        assertThat(c.worst()).extracting(ElementMismatch::index).containsExactly(1, 5, 4);
        ElementMismatch worst = c.worst().get(0);
        assertThat(worst.coordinates()).containsExactly(0, 1);
        assertThat(worst.actual()).isEqualTo(2.5);
        assertThat(worst.expected()).isEqualTo(2.0);
        assertThat(worst.absoluteError()).isEqualTo(0.5);
        assertThat(worst.relativeError()).isEqualTo(0.25);
        assertThat(worst.allowed()).isCloseTo(1e-5 + 2e-4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.worst().get(1).coordinates()).containsExactly(1, 2);
        assertThat(c.describe()).contains("3 of 6 elements", "[1, 2]", "[0, 1]", "abs err", "allowed");
    }

    @Test
    void nanMustBeNanWhereTheReferenceHasNanAndInfinitiesMustMatchExactly() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        assertThat(policy.check(f32(nan, inf, -inf), f32(nan, inf, -inf), ADD, 1)
                        .passed())
                .isTrue();
        Comparison swallowed = policy.check(f32(0f), f32(nan), ADD, 1);
        assertThat(swallowed.passed()).isFalse();
        assertThat(swallowed.worst().get(0).severity()).isInfinite();
        assertThat(policy.check(f32(nan), f32(1f), ADD, 1).passed()).isFalse();
        assertThat(policy.check(f32(Float.MAX_VALUE), f32(inf), ADD, 1).passed())
                .isFalse();
        assertThat(policy.check(f32(inf), f32(Float.MAX_VALUE), ADD, 1).passed())
                .isFalse();
        assertThat(policy.check(f32(-inf), f32(inf), ADD, 1).passed()).isFalse();
        assertThat(policy.check(f32(-0f), f32(0f), ADD, 1).passed()).isTrue();
    }

    @Test
    void integersAreBitExactUnlessAProfileAllowsOneForANamedOp() {
        TensorType t = TensorType.of(DataType.INT8, 3);
        Tensor expected = Tensor.ofBytes(t, (byte) 10, (byte) -128, (byte) 127);
        Tensor offByOne = Tensor.ofBytes(t, (byte) 11, (byte) -127, (byte) 127);
        Tensor offByTwo = Tensor.ofBytes(t, (byte) 12, (byte) -128, (byte) 127);
        Comparison exact = policy.check(offByOne, expected, OpId.of("Conv"), 1);
        assertThat(exact.passed()).isFalse();
        assertThat(exact.mismatches()).isEqualTo(2);
        assertThat(exact.describe()).contains("bit-exact");

        TolerancePolicy lenient = TolerancePolicy.load("integer-plus-minus-one");
        assertThat(lenient.check(offByOne, expected, OpId.of("Conv"), 1).passed())
                .isTrue();
        assertThat(lenient.check(offByTwo, expected, OpId.of("Conv"), 1).passed())
                .isFalse();
        assertThat(lenient.check(offByOne, expected, ADD, 1).passed())
                .as("Add is not a named op")
                .isFalse();
        assertThat(policy.check(
                                Tensor.ofInts(Shape.of(1), Integer.MIN_VALUE),
                                Tensor.ofInts(Shape.of(1), Integer.MAX_VALUE),
                                ADD,
                                1)
                        .passed())
                .isFalse();
    }

    @Test
    void typeOrShapeDifferencesAreReportedAsAProblem() {
        Comparison c = policy.check(f32(1f, 2f), Tensor.ofFloats(Shape.of(2, 1), 1f, 2f), ADD, 1);
        assertThat(c.passed()).isFalse();
        assertThat(c.problem()).contains("float32[2]", "float32[2x1]");
        assertThat(policy.check(f32(), f32(), ADD, 1).passed())
                .as("empty tensors agree")
                .isTrue();
    }

    @Test
    void perOpOverridesAndUnknownProfilesAndBadNumbersAreHandled() throws Exception {
        String text = "version=test-1\nfloat32.atol=1e-5\nfloat32.rtol=1e-4\nop.Softmax.float32.atol=1e-3\n"
                + "profile.p.float32.rtol=0.5\nfloat16.atol=oops\n";
        TolerancePolicy p = TolerancePolicy.read(new StringReader(text), "default");
        assertThat(p.version()).isEqualTo("test-1");
        assertThat(p.rule(OpId.of("Softmax"), DataType.FLOAT32).atol()).isEqualTo(1e-3);
        assertThat(p.rule(ADD, DataType.FLOAT32).atol()).isEqualTo(1e-5);
        assertThat(TolerancePolicy.read(new StringReader(text), "p")
                        .rule(ADD, DataType.FLOAT32)
                        .rtol())
                .isEqualTo(0.5);
        assertThatThrownBy(() -> TolerancePolicy.read(new StringReader(text), "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no profile 'nope'");
        assertThatThrownBy(() -> p.rule(ADD, DataType.FLOAT16)).hasMessageContaining("float16.atol");
        assertThatThrownBy(() -> p.rule(ADD, DataType.FLOAT64)).hasMessageContaining("no rule for float64");
    }
}
