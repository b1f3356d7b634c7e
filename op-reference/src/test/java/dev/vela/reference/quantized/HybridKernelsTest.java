package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The dynamic-range kernels on cases worked by hand: the quantized inputs, offsets and integer sums below are
 * derived in the comments from TFLite's formulas, and the float results agree with the real-valued layer.
 */
class HybridKernelsTest {

    private final HybridFullyConnected gemm = new HybridFullyConnected();
    private final HybridConv conv = new HybridConv();

    @Test
    void symmetricRowQuantizationRoundsHalvesAwayFromZero() {
        int[] q = new int[3];
        InputRowQuantizer.RowParameters p = InputRowQuantizer.symmetric(new float[] {1f, -0.5f, 0.25f}, 0, 3, q);
        // x * 127 / 1: 127, -63.5 -> -64, 31.75 -> 32
        assertThat(q).containsExactly(127, -64, 32);
        assertThat(p.scale()).isEqualTo(1f / 127);
        assertThat(p.offset()).isZero();
    }

    @Test
    void asymmetricRowQuantizationNudgesTheZeroPoint() {
        int[] q = new int[3];
        InputRowQuantizer.RowParameters p = InputRowQuantizer.asymmetric(new float[] {-1f, 0f, 2.4f}, 0, 3, q);
        // range [-1, 2.4] over 255 steps: scale 3.4/255, zero point -128 + 1/scale = -53
        assertThat(p.offset()).isEqualTo(-53);
        assertThat(p.scale()).isEqualTo((float) (3.4 / 255));
        assertThat(q).containsExactly(-128, -53, 127);
    }

    @Test
    void zeroRowsGetScaleOne() {
        int[] q = {5, 5};
        assertThat(InputRowQuantizer.asymmetric(new float[2], 0, 2, q))
                .isEqualTo(new InputRowQuantizer.RowParameters(1f, 0));
        assertThat(q).containsExactly(0, 0);
    }

    @Test
    void fullyConnectedSymmetricPerTensor() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 3), 1f, -0.5f, 0.25f);
        Tensor w = q(DataType.INT8, Shape.of(2, 3), Quantization.perTensor(0.5f, 0), 1, 2, 3, -1, 0, 4);
        Tensor b = Tensor.ofFloats(Shape.of(2), 0.5f, -1f);
        Node n = Node.builder(OpId.parse("Gemm"))
                .name("fc")
                .constantInput(x)
                .constantInput(w)
                .constantInput(b)
                .attr("transB", 1L)
                .build();
        float[] y = ReferenceTesting.run(gemm, n, x, w, b).get(0).toFloatArray();
        // q = [127, -64, 32]: dots 127 - 128 + 96 = 95 and -127 + 128 = 1, scale (1/127) * 0.5
        float scale = (1f / 127) * 0.5f;
        assertThat(y).containsExactly(0.5f + 95 * scale, -1f + scale);
        // the real-valued layer gives 0.875 and -1: the on-the-fly quantization error is visible, as in TFLite
        assertThat(y[0]).isCloseTo(0.875f, org.assertj.core.data.Offset.offset(0.002f));
    }

    @Test
    void fullyConnectedAsymmetricSubtractsRowSumsTimesOffset() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 3), -1f, 0f, 2.4f);
        Tensor w = q(DataType.INT8, Shape.of(3, 1), Quantization.perTensor(1f, 0), 2, -1, 3);
        Node n = Node.builder(OpId.parse("Gemm"))
                .name("fc")
                .constantInput(x)
                .constantInput(w)
                .attr(HybridFullyConnected.ASYMMETRIC_INPUTS, 1L)
                .build();
        float[] y = ReferenceTesting.run(gemm, n, x, w).get(0).toFloatArray();
        // q = [-128, -53, 127], offset -53, row sum 4: dot = -256 + 53 + 381 - 4 * -53 = 390
        assertThat(y).containsExactly(390 * (float) (3.4 / 255));
        assertThat(y[0]).isCloseTo(5.2f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void allZeroInputGivesTheBias() {
        Tensor x = Tensor.ofFloats(Shape.of(2, 2), 0f, 0f, 0f, 0f);
        Tensor w = q(DataType.INT8, Shape.of(1, 2), Quantization.perTensor(1f, 0), 3, 4);
        Tensor b = Tensor.ofFloats(Shape.of(1), -2.5f);
        Node n = Node.builder(OpId.parse("Gemm"))
                .name("fc")
                .constantInput(x)
                .constantInput(w)
                .constantInput(b)
                .attr("transB", 1L)
                .build();
        assertThat(ReferenceTesting.run(gemm, n, x, w, b).get(0).toFloatArray()).containsExactly(-2.5f, -2.5f);
    }

    @Test
    void convPerTensorQuantizesEachImageSymmetrically() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 2, 1), 1f, 2f, 3f, 4f);
        Tensor w = q(DataType.INT8, Shape.of(1, 2, 2, 1), Quantization.perTensor(0.1f, 0), 1, 1, 1, 1);
        Tensor b = Tensor.ofFloats(Shape.of(1), 0.5f);
        Node n = convNode(x, w, b).build();
        float[] y = ReferenceTesting.run(conv, n, x, w, b).get(0).toFloatArray();
        // q = round(x * 127 / 4) = [32, 64, 95, 127]: acc 318, scale (4/127) * 0.1
        assertThat(y).containsExactly(318 * ((4f / 127) * 0.1f) + 0.5f);
    }

    @Test
    void convPerChannelQuantizesAsymmetrically() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 2, 1), -1f, 0f, 1f, 2f);
        Tensor w = q(
                DataType.INT8,
                Shape.of(2, 2, 2, 1),
                Quantization.perAxis(0, new float[] {0.1f, 0.2f}, new long[2]),
                1,
                1,
                1,
                1,
                1,
                -1,
                0,
                2);
        Node n = convNode(x, w, null).build();
        float[] y = ReferenceTesting.run(conv, n, x, w).get(0).toFloatArray();
        // scale 3/255, offset -43, q = [-128, -43, 42, 127]: q - offset = [-85, 0, 85, 170]; sums 170 and 255
        float s = (float) (3.0 / 255);
        assertThat(y).containsExactly(170 * 0.1f * s, 255 * 0.2f * s);
        assertThat(y[0]).isCloseTo(0.2f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(y[1]).isCloseTo(0.6f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void dilatedGroupedOrAsymmetricWeightsAreRefusedByName() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 3, 3, 2), new float[18]);
        Tensor w = q(DataType.INT8, Shape.of(2, 2, 2, 2), Quantization.perTensor(0.1f, 0), new long[16]);
        assertThatThrownBy(() -> conv.prepare(
                        convNode(x, w, null).attr("dilations", 2, 2).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("conv_under_test")
                .hasMessageContaining("dilation 1 only");
        Tensor w1 = q(DataType.INT8, Shape.of(2, 2, 2, 1), Quantization.perTensor(0.1f, 0), new long[8]);
        assertThatThrownBy(() ->
                        conv.prepare(convNode(x, w1, null).attr("group", 2L).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("group 1 only");
        Tensor xf = Tensor.ofFloats(Shape.of(1, 2), 1f, 2f);
        Tensor wz = q(DataType.INT8, Shape.of(1, 2), Quantization.perTensor(0.1f, 3), 1, 1);
        assertThatThrownBy(() -> gemm.prepare(Node.builder(OpId.parse("Gemm"))
                        .name("fc")
                        .constantInput(xf)
                        .constantInput(wz)
                        .attr("transB", 1L)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("symmetric");
    }

    private static Node.Builder convNode(Tensor x, Tensor w, Tensor b) {
        Node.Builder n = Node.builder(OpId.parse("Conv"))
                .name("conv_under_test")
                .constantInput(x)
                .constantInput(w);
        if (b != null) {
            n.constantInput(b);
        }
        return n.attr("data_format", "NHWC").attr("auto_pad", "VALID");
    }
}
