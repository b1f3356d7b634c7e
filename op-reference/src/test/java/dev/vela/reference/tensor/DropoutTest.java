package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static dev.vela.reference.tensor.TestTensors.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DropoutTest {

    private final Dropout dropout = new Dropout();

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void inferencePassesTheInputThroughWithAnAllTrueMask(DataType type) {
        Tensor x = iota(type, 2, 2);
        List<Tensor> out =
                run(dropout, node("Dropout", 22, new Tensor[] {x}).outputs(2).build(), x);
        assertThat(out.get(0).toByteArray()).isEqualTo(x.toByteArray());
        assertThat(out.get(1).dataType()).isEqualTo(DataType.BOOL);
        assertThat(values(out.get(1))).containsExactly(1, 1, 1, 1);
    }

    @Test
    void ratioWithoutTrainingModeIsIgnored() {
        Tensor x = iota(DataType.FLOAT32, 3);
        Tensor ratio = Tensor.ofFloats(Shape.scalar(), 0.75f);
        Node n = node("Dropout", 13, new Tensor[] {x, ratio}).build();
        assertThat(dropout.valueInputs(n)).isEmpty();
        assertThat(run(dropout, n, x, ratio).get(0).toFloatArray()).containsExactly(0, 1, 2);
    }

    @Test
    void trainingWithZeroRatioIsIdentity() {
        Tensor x = iota(DataType.FLOAT32, 3);
        Tensor ratio = Tensor.ofFloats(Shape.scalar(), 0f);
        Tensor training = Tensor.ofBytes(dev.vela.spi.TensorType.of(DataType.BOOL), (byte) 1);
        Node n = node("Dropout", 22, new Tensor[] {x, ratio, training}, 1, 2)
                .outputs(2)
                .build();
        assertThat(dropout.valueInputs(n)).containsExactlyInAnyOrder(1, 2);
        List<Tensor> out = run(dropout, n, x, ratio, training);
        assertThat(out.get(0).toFloatArray()).containsExactly(0, 1, 2);
        assertThat(values(out.get(1))).containsExactly(1, 1, 1);
    }

    @Test
    void oldOpsetMaskHasTheInputType() {
        Tensor x = iota(DataType.FLOAT32, 2);
        List<Tensor> out = run(
                dropout,
                node("Dropout", 7, new Tensor[] {x})
                        .attr("ratio", 0.5f)
                        .outputs(2)
                        .build(),
                x);
        assertThat(out.get(1).toFloatArray()).containsExactly(1, 1);
    }

    @Test
    void refusesTrainingWithAPositiveRatio() {
        Tensor x = iota(DataType.FLOAT32, 3);
        Tensor training = Tensor.ofBytes(dev.vela.spi.TensorType.of(DataType.BOOL), (byte) 1);
        Node defaultRatio =
                node("Dropout", 22, new Tensor[] {x, null, training}, 2).build();
        assertThatThrownBy(() -> dropout.prepare(defaultRatio))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("dropout_under_test")
                .hasMessageContaining("random");
        assertThat(dropout.supports(defaultRatio).isSupported()).isFalse();
    }
}
