package dev.vela.spi.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import org.junit.jupiter.api.Test;

class OutputQuantizationTest {

    @Test
    void theGraphsDeclarationComesFirstThenTheAttributes() {
        Node graph = Node.builder("Conv")
                .name("c")
                .outputQuantization(0, Quantization.perTensor(0.5f, 3))
                .attr("output_scale", 2f)
                .build();
        assertThat(OutputQuantization.declared(graph)).contains(Quantization.perTensor(0.5f, 3));
        Node attrs = Node.builder("Conv")
                .name("c")
                .attr("output_scale", 0.25f)
                .attr("output_zero_point", -5L)
                .build();
        assertThat(OutputQuantization.isDeclared(attrs)).isTrue();
        assertThat(OutputQuantization.declared(attrs)).contains(Quantization.perTensor(0.25f, -5));
        Node zeroDefault =
                Node.builder("Conv").name("c").attr("output_scale", 0.25f).build();
        assertThat(OutputQuantization.declared(zeroDefault)).contains(Quantization.perTensor(0.25f, 0));
        Node none = Node.builder("Conv").name("c").build();
        assertThat(OutputQuantization.isDeclared(none)).isFalse();
        assertThat(OutputQuantization.declared(none)).isEmpty();
    }

    @Test
    void aSingleEntryPerAxisDeclarationIsPerTensor() {
        Node one = Node.builder("Conv")
                .name("c")
                .outputQuantization(0, Quantization.perAxis(0, new float[] {0.5f}, new long[] {1}))
                .build();
        assertThat(OutputQuantization.declared(one)).contains(Quantization.perTensor(0.5f, 1));
        Node two = Node.builder("Conv")
                .name("c")
                .outputQuantization(0, Quantization.perAxis(0, new float[] {0.5f, 1f}, new long[] {0, 0}))
                .build();
        assertThatThrownBy(() -> OutputQuantization.declared(two))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'c' (Conv)")
                .hasMessageContaining("per tensor");
    }

    @Test
    void aScaleThatIsNotPositiveAndFiniteIsRefused() {
        for (float bad : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            Node n = Node.builder("Conv").name("c").attr("output_scale", bad).build();
            assertThatThrownBy(() -> OutputQuantization.declared(n))
                    .isInstanceOf(InvalidNodeException.class)
                    .hasMessageContaining("output_scale");
        }
    }
}
