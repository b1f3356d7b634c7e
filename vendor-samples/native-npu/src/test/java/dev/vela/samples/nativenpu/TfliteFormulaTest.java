package dev.vela.samples.nativenpu;

import static dev.vela.samples.nativenpu.NpuTesting.int8;
import static dev.vela.samples.nativenpu.NpuTesting.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

/**
 * Small cases whose expected bytes were worked out by hand from TFLite's formulas
 * (QuantizeMultiplier, SaturatingRoundingDoublingHighMul, RoundingDivideByPOT, the add and pooling
 * rounding, the softmax fixed-point path), run on every dispatch path.
 */
class TfliteFormulaTest {

    @Test
    void quantizeMultiplierSplitsWithFrexp() {
        assertThat(QuantMath.quantizeMultiplier(0.5)).containsExactly(1 << 30, 0);
        assertThat(QuantMath.quantizeMultiplier(0.25)).containsExactly(1 << 30, -1);
        assertThat(QuantMath.quantizeMultiplier(1.0)).containsExactly(1 << 30, 1);
        assertThat(QuantMath.quantizeMultiplier(0.75)).containsExactly(1610612736, 0);
        assertThat(QuantMath.quantizeMultiplier(0.0)).containsExactly(0, 0);
        // below 2^-32 the shift would pass -31: flushed to zero
        assertThat(QuantMath.quantizeMultiplier(1e-12)).containsExactly(0, 0);
        // a significand that rounds up to 2^31 is halved and the shift bumped
        assertThat(QuantMath.quantizeMultiplier(1.0 - 0x1p-40)).containsExactly(1 << 30, 1);
    }

    /**
     * x scale 0.5 zp 1; w per channel scales {0.25, 0.125}; out scale 0.5 zp -3; bias {10, -20}.
     * Pixel {3, -1}: acc {2*2 - 2*1, 2*-4 - 2*3} + bias = {12, -34} -> 12 * 0.25 = 3, -34 * 0.125 = -4.25 -> -4.
     * Pixel {5, 1}: {8 + 10, -16 - 20} = {18, -36} -> 4.5 -> 5 and -4.5 -> -5 (ties away from zero).
     * Plus the output zero point -3.
     */
    @Test
    void pointwiseConvRequantizesPerChannel() {
        Tensor x = int8(Shape.of(1, 1, 2, 2), 0.5f, 1, 3, -1, 5, 1);
        Tensor w = Tensor.ofBytes(
                TensorType.quantized(
                        DataType.INT8,
                        Shape.of(2, 1, 1, 2),
                        Quantization.perAxis(0, new float[] {0.25f, 0.125f}, new long[2])),
                new byte[] {2, 1, -4, 3});
        Tensor b = Tensor.ofInts(Shape.of(2), 10, -20);
        Node node = Node.builder("Conv")
                .name("pw")
                .input(x.type())
                .constantInput(w)
                .constantInput(b)
                .attr("data_format", "NHWC")
                .attr("output_scale", 0.5f)
                .attr("output_zero_point", -3L)
                .build();
        for (Isa isa : NpuTesting.paths()) {
            Tensor y = NpuTesting.run(NpuTesting.npu(isa, "Conv"), node, x, w, b);
            assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
            assertThat(values(y)).as("%s", isa).containsExactly(0, -7, 2, -8);
        }
    }

    /** The same layer with Relu: -7 and -8 lie below the quantized zero (-3) and clamp there. */
    @Test
    void fusedReluClampsAtTheOutputZeroPoint() {
        Tensor x = int8(Shape.of(1, 1, 2, 2), 0.5f, 1, 3, -1, 5, 1);
        Tensor w = Tensor.ofBytes(
                TensorType.quantized(
                        DataType.INT8,
                        Shape.of(2, 1, 1, 2),
                        Quantization.perAxis(0, new float[] {0.25f, 0.125f}, new long[2])),
                new byte[] {2, 1, -4, 3});
        Tensor b = Tensor.ofInts(Shape.of(2), 10, -20);
        Node node = Node.builder("Conv")
                .name("pw")
                .input(x.type())
                .constantInput(w)
                .constantInput(b)
                .attr("data_format", "NHWC")
                .attr("output_scale", 0.5f)
                .attr("output_zero_point", -3L)
                .attr("activation", "Relu")
                .build();
        for (Isa isa : NpuTesting.paths()) {
            assertThat(values(NpuTesting.run(NpuTesting.npu(isa, "Conv"), node, x, w, b)))
                    .as("%s", isa)
                    .containsExactly(0, -3, 2, -3);
        }
    }

    /**
     * Depthwise 2x2 VALID over a 2x2 image with zero point 2: acc = sum (x - 2) * w.
     * Channel 0: (3-2)*1 + (4-2)*2 + (5-2)*3 + (6-2)*4 = 1 + 4 + 9 + 16 = 30, multiplier 1/8 -> 3.75 -> 4.
     * Channel 1: (0-2)*1 + (2-2)*1 + (-2-2)*1 + (2-2)*1 = -6 -> -0.75 -> -1.
     */
    @Test
    void depthwiseSubtractsTheInputZeroPoint() {
        Tensor x = int8(Shape.of(1, 2, 2, 2), 0.25f, 2, 3, 0, 4, 2, 5, -2, 6, 2);
        Tensor w = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(2, 2, 2, 1), Quantization.perTensor(0.5f, 0)),
                new byte[] {1, 2, 3, 4, 1, 1, 1, 1});
        Node node = Node.builder("Conv")
                .name("dw")
                .input(x.type())
                .constantInput(w)
                .attr("data_format", "NHWC")
                .attr("group", 2L)
                .attr("output_scale", 1f)
                .attr("output_zero_point", 0L)
                .build();
        for (Isa isa : NpuTesting.paths()) {
            Tensor y = NpuTesting.run(NpuTesting.npu(isa, "Conv"), node, x, w);
            assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 1, 2));
            assertThat(values(y)).as("%s", isa).containsExactly(4, -1);
        }
    }

    /**
     * Scales 0.5 and 0.25, output 0.5, left shift 20: 1.5 + 0.5 = 2.0 -> 4; 63.5 + 31.75 saturates to
     * 127; -1.5 - 0.25 = -1.75 -> -3.5 -> -4 (ties away from zero).
     */
    @Test
    void addRescalesBothInputs() {
        Tensor a = int8(Shape.of(3), 0.5f, 0, 3, 127, -3);
        Tensor b = int8(Shape.of(3), 0.25f, 0, 2, 127, -1);
        Node node = Node.builder("Add")
                .name("add")
                .input(a.type())
                .input(b.type())
                .attr("output_scale", 0.5f)
                .attr("output_zero_point", 0L)
                .build();
        for (Isa isa : NpuTesting.paths()) {
            assertThat(values(NpuTesting.run(NpuTesting.npu(isa, "Add"), node, a, b)))
                    .as("%s", isa)
                    .containsExactly(4, 127, -4);
        }
    }

    @Test
    void addBroadcastsAScalarRow() {
        Tensor a = int8(Shape.of(2, 2), 0.5f, 0, 2, 4, -2, 0);
        Tensor b = int8(Shape.of(1), 0.5f, 0, 2);
        Node node = Node.builder("Add")
                .name("add")
                .input(a.type())
                .input(b.type())
                .attr("output_scale", 0.5f)
                .attr("output_zero_point", 0L)
                .build();
        for (Isa isa : NpuTesting.paths()) {
            assertThat(values(NpuTesting.run(NpuTesting.npu(isa, "Add"), node, a, b)))
                    .as("%s", isa)
                    .containsExactly(4, 6, 0, 2);
        }
    }

    /**
     * 2x2 SAME_UPPER over {1, 2; 3, 5}: full window 11/4 -> 3, right column (2 + 5)/2 = 3.5 -> 4,
     * bottom row (3 + 5)/2 = 4, corner 5. Padding is not counted.
     */
    @Test
    void averagePoolRoundsHalfAwayAndSkipsPadding() {
        Tensor x = int8(Shape.of(1, 2, 2, 1), 0.1f, 0, 1, 2, 3, 5);
        Node node = Node.builder("AveragePool")
                .name("avg")
                .input(x.type())
                .attr("data_format", "NHWC")
                .attr("kernel_shape", 2, 2)
                .attr("auto_pad", "SAME_UPPER")
                .build();
        Tensor neg = int8(Shape.of(1, 2, 2, 1), 0.1f, 0, -1, -2, -3, -5);
        for (Isa isa : NpuTesting.paths()) {
            assertThat(values(NpuTesting.run(NpuTesting.npu(isa, "AveragePool"), node, x)))
                    .containsExactly(3, 4, 4, 5);
            assertThat(values(NpuTesting.run(NpuTesting.npu(isa, "AveragePool"), node, neg)))
                    .containsExactly(-3, -4, -4, -5);
        }
    }

    /** 2x2 SAME_UPPER max over {1, 2; 3, 5} and over negatives: padding never wins. */
    @Test
    void maxPoolIgnoresPadding() {
        Tensor x = int8(Shape.of(1, 2, 2, 1), 0.1f, 0, -7, -2, -3, -5);
        Node node = Node.builder("MaxPool")
                .name("max")
                .input(x.type())
                .attr("data_format", "NHWC")
                .attr("kernel_shape", 2, 2)
                .attr("auto_pad", "SAME_UPPER")
                .build();
        for (Isa isa : NpuTesting.paths()) {
            assertThat(values(NpuTesting.run(NpuTesting.npu(isa, "MaxPool"), node, x)))
                    .containsExactly(-2, -2, -3, -5);
        }
    }

    /**
     * Four equal logits: each exp is 1.0, the Q12.19 sum is 4, the reciprocal 1/4 -> 0.25 * 256 = 64
     * above the zero point -128. A 255-step gap is below diff_min, so that entry is -128 and the
     * maximum alone gets 1.0, which saturates at 127.
     */
    @Test
    void softmaxFollowsTheFixedPointPath() {
        Tensor equal = int8(Shape.of(1, 4), 1f, 0, 7, 7, 7, 7);
        Node node = Node.builder("Softmax").name("sm").input(equal.type()).build();
        Tensor apart = int8(Shape.of(1, 2), 1f, 0, 127, -128);
        for (Isa isa : NpuTesting.paths()) {
            Tensor y = NpuTesting.run(NpuTesting.npu(isa, "Softmax"), node, equal);
            assertThat(y.type().quantization()).contains(Quantization.perTensor(1f / 256f, -128));
            assertThat(values(y)).containsExactly(-64, -64, -64, -64);
            Node n2 = Node.builder("Softmax").name("sm").input(apart.type()).build();
            assertThat(values(NpuTesting.run(NpuTesting.npu(isa, "Softmax"), n2, apart)))
                    .containsExactly(127, -128);
        }
    }

    /**
     * Fully connected 1x3 by 2x3 (transB=1), per-tensor scales 0.5 * 0.5 / 1 = 0.25:
     * row {4, 0, -4} (zp 0) . {1, 2, 3} = -8 -> -2; . {-1, 0, 1} = -8 -> -2; bias {8, 0} -> {0, -2}.
     */
    @Test
    void gemmIsAFullyConnectedLayer() {
        Tensor a = int8(Shape.of(1, 3), 0.5f, 0, 4, 0, -4);
        Tensor w = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(2, 3), Quantization.perTensor(0.5f, 0)),
                new byte[] {1, 2, 3, -1, 0, 1});
        Tensor b = Tensor.ofInts(Shape.of(2), 8, 0);
        Node node = Node.builder("Gemm")
                .name("fc")
                .input(a.type())
                .constantInput(w)
                .constantInput(b)
                .attr("transB", 1L)
                .attr("output_scale", 1f)
                .attr("output_zero_point", 0L)
                .build();
        for (Isa isa : NpuTesting.paths()) {
            assertThat(values(NpuTesting.run(NpuTesting.npu(isa, "Gemm"), node, a, w, b)))
                    .as("%s", isa)
                    .containsExactly(0, -2);
        }
    }
}
