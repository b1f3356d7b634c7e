package dev.vela.spi.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.Attributes;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import org.junit.jupiter.api.Test;

class FusedActivationTest {

    private static Node.Builder node() {
        return Node.builder("Conv").name("conv1");
    }

    @Test
    void readsEveryKindAndAbsentIsNone() {
        assertThat(FusedActivation.of(node().build())).isEqualTo(FusedActivation.NONE);
        assertThat(FusedActivation.of(node().attr("activation", "None").build()).isNone())
                .isTrue();
        assertThat(FusedActivation.of(node().attr("activation", "Relu").build()))
                .isEqualTo(FusedActivation.RELU);
        assertThat(FusedActivation.of(node().attr("activation", "Tanh").build()).kind())
                .isEqualTo(FusedActivation.Kind.TANH);
        assertThat(FusedActivation.of(node().attr("activation", "Sigmoid").build())
                        .isClamp())
                .isFalse();
        FusedActivation clip = FusedActivation.of(node().attr("activation", "Clip")
                .attr("activation_params", 0f, 6f)
                .build());
        assertThat(clip).isEqualTo(FusedActivation.clip(0f, 6f));
        assertThat(clip.low()).isEqualTo(0f);
        assertThat(clip.high()).isEqualTo(6f);
    }

    @Test
    void malformedClipAndUnknownKindNameTheNode() {
        assertThatThrownBy(() ->
                        FusedActivation.of(node().attr("activation", "Clip").build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageStartingWith("node 'conv1' (Conv)")
                .hasMessageContaining("activation_params");
        assertThatThrownBy(() -> FusedActivation.of(node().attr("activation", "Clip")
                        .attr("activation_params", 0f)
                        .build()))
                .isInstanceOf(InvalidNodeException.class);
        assertThatThrownBy(() -> FusedActivation.of(node().attr("activation", "Clip")
                        .attr("activation_params", 6f, 0f)
                        .build()))
                .hasMessageContaining("min <= max");
        assertThatThrownBy(() ->
                        FusedActivation.of(node().attr("activation", "Gelu").build()))
                .hasMessageContaining("'Gelu'");
        assertThatThrownBy(() -> FusedActivation.clip(1f, 0f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appliesToFloatsWithNanPassingThrough() {
        FusedActivation relu6 = FusedActivation.clip(0f, 6f);
        assertThat(relu6.apply(-1.5)).isEqualTo(0.0);
        assertThat(relu6.apply(7f)).isEqualTo(6f);
        assertThat(relu6.apply(3.25)).isEqualTo(3.25);
        assertThat(relu6.apply(Double.NaN)).isNaN();
        assertThat(FusedActivation.RELU.apply(Float.NaN)).isNaN();
        assertThat(FusedActivation.RELU.apply(Double.POSITIVE_INFINITY)).isInfinite();
        assertThat(FusedActivation.NONE.apply(-3f)).isEqualTo(-3f);
        assertThat(FusedActivation.TANH.apply(0.5f)).isEqualTo((float) Math.tanh(0.5));
        assertThat(FusedActivation.SIGMOID.apply(0.0)).isEqualTo(0.5);
        float[] v = {-2f, Float.NaN, 0.5f, 9f, -7f};
        relu6.applyInPlace(v, 1, 4);
        assertThat(v).containsExactly(-2f, Float.NaN, 0.5f, 6f, -7f);
        float[] r = {-2f, 3f};
        FusedActivation.RELU.applyInPlace(r, 0, 2);
        assertThat(r).containsExactly(0f, 3f);
    }

    @Test
    void quantizedRangeRoundsLikeTflite() {
        Node n = node().build();
        // scale 0.5, zero point -10: 0 -> -10, 6 -> 2; -1 -> -12
        Quantization q = Quantization.perTensor(0.5f, -10);
        assertThat(FusedActivation.NONE.quantizedRange(n, q, -128, 127)).isEqualTo(new ActivationRange(-128, 127));
        assertThat(FusedActivation.RELU.quantizedRange(n, q, -128, 127)).isEqualTo(new ActivationRange(-10, 127));
        assertThat(FusedActivation.clip(-1f, 6f).quantizedRange(n, q, -128, 127))
                .isEqualTo(new ActivationRange(-12, 2));
        // halves away from zero: 0.25 / 0.5 = 0.5 -> 1, -0.25 / 0.5 = -0.5 -> -1
        assertThat(FusedActivation.clip(-0.25f, 0.25f).quantizedRange(n, Quantization.perTensor(0.5f, 0), -128, 127))
                .isEqualTo(new ActivationRange(-1, 1));
        // a bound beyond the type is cut to it; an empty range clamps to the upper bound
        ActivationRange high =
                FusedActivation.clip(100f, 200f).quantizedRange(n, Quantization.perTensor(0.5f, 0), -128, 127);
        assertThat(high).isEqualTo(new ActivationRange(200, 127));
        assertThat(high.clamp(-100)).isEqualTo(127);
        assertThat(high.clamp(50)).isEqualTo(127);
        assertThatThrownBy(() -> FusedActivation.TANH.quantizedRange(n, q, -128, 127))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'conv1'");
        assertThatThrownBy(() ->
                        FusedActivation.clip(0f, 3e38f).quantizedRange(n, Quantization.perTensor(1e-30f, 0), -128, 127))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("overflows int32");
    }

    @Test
    void writesWhatItReads() {
        for (FusedActivation a : new FusedActivation[] {
            FusedActivation.NONE,
            FusedActivation.RELU,
            FusedActivation.clip(-1f, 1f),
            FusedActivation.TANH,
            FusedActivation.SIGMOID
        }) {
            Attributes written = a.writeTo(Attributes.builder()).build();
            assertThat(FusedActivation.of(written, "node 'x' (Add)")).isEqualTo(a);
            assertThat(FusedActivation.isPresent(written)).isEqualTo(!a.isNone());
            Attributes removed = FusedActivation.removeFrom(Attributes.builder().putAll(written))
                    .build();
            assertThat(FusedActivation.isPresent(removed)).isFalse();
        }
    }
}
