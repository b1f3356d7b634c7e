package dev.vela.runtime.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.debug.ModelDiffTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declaring intermediate values as graph outputs of a serialized ONNX model, for {@code vela diff --peer}. */
class OnnxGraphOutputsTest {

    @Test
    void listsNodeOutputsAndAppendsGraphOutputsAfterTheDeclaredOnes() {
        byte[] chain = ModelDiffTest.chainModel(); // x -> Relu -> a -> Add -> b -> Relu -> y
        assertThat(OnnxGraphOutputs.nodeOutputs(chain)).containsExactly("a", "b", "y");
        assertThat(OnnxGraphOutputs.graphOutputs(chain)).containsExactly("y");
        byte[] rewritten = OnnxGraphOutputs.withOutputs(chain, List.of("a", "b"));
        assertThat(OnnxGraphOutputs.graphOutputs(rewritten)).containsExactly("y", "a", "b");
        assertThat(OnnxGraphOutputs.nodeOutputs(rewritten)).containsExactly("a", "b", "y");
        assertThat(rewritten).startsWith(chain);
    }

    @Test
    void aTruncatedModelIsAClearError() {
        byte[] chain = ModelDiffTest.chainModel();
        byte[] cut = java.util.Arrays.copyOf(chain, chain.length - 3);
        assertThatThrownBy(() -> OnnxGraphOutputs.nodeOutputs(cut))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("not a readable ONNX model");
    }
}
