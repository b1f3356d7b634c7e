package dev.vela.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.error.InvalidInputException;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceRunTest {

    @Test
    void stepsAreViewsWithoutTheLeadingAxisAndStackRestoresIt() {
        Tensor seq = Tensor.ofFloats(Shape.of(3, 2), 1, 2, 3, 4, 5, 6);
        assertThat(SequenceRun.step(seq, 1).toFloatArray()).containsExactly(3, 4);
        assertThat(SequenceRun.step(seq, 1).shape()).isEqualTo(Shape.of(2));
        Tensor stacked = SequenceRun.stack(List.of(
                        Map.of("y", SequenceRun.step(seq, 0)),
                        Map.of("y", SequenceRun.step(seq, 1)),
                        Map.of("y", SequenceRun.step(seq, 2))))
                .get("y");
        assertThat(stacked.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(stacked.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void inputsWithoutACommonStepAxisAreNamed() {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("a", Tensor.ofFloats(Shape.of(3, 2), 1, 2, 3, 4, 5, 6));
        inputs.put("b", Tensor.ofFloats(Shape.of(2, 1), 1, 2));
        assertThatThrownBy(() -> SequenceRun.steps(inputs))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--sequence: input 'b' has 2 steps but input 'a' has 3");
        assertThatThrownBy(() -> SequenceRun.steps(Map.of("s", Tensor.ofFloats(Shape.scalar(), 1))))
                .hasMessageContaining("input 's' is a scalar");
        assertThatThrownBy(() -> SequenceRun.stack(List.of(
                        Map.of("y", Tensor.ofFloats(Shape.of(1), 1)), Map.of("y", Tensor.ofFloats(Shape.of(2), 1, 2)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("output 'y' is float32[2] at step 1 but float32[1] at step 0");
    }
}
