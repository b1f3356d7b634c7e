package dev.vela.runtime;

import static dev.vela.runtime.testing.Onnx.FLOAT;
import static dev.vela.runtime.testing.Onnx.INT64;
import static dev.vela.runtime.testing.Onnx.floatTensor;
import static dev.vela.runtime.testing.Onnx.model;
import static dev.vela.runtime.testing.Onnx.node;
import static dev.vela.runtime.testing.Onnx.valueInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelInputResizeTest {

    private static Model load(String name, Proto graph) {
        return Model.fromBytes(name, model(graph.str(2, name)), Partitioner.of(KernelRegistry.reference()));
    }

    /** y = Relu(MatMul(x, w)), x float[1,4], w [4,2]: the batch flows through. */
    private static Model matMul() {
        float[] w = {1, 0, 0, 1, 1, 0, 0, 1};
        return load(
                "mm.onnx",
                Proto.message()
                        .msg(1, node("mm", "MatMul", new String[] {"x", "w"}, new String[] {"m"}))
                        .msg(1, node("relu", "Relu", new String[] {"m"}, new String[] {"y"}))
                        .msg(5, floatTensor("w", new long[] {4, 2}, w))
                        .msg(11, valueInfo("x", FLOAT, 1, 4))
                        .msg(12, valueInfo("y", FLOAT, 1, 2)));
    }

    /** y = Reshape(x, [1, -1]), x float[1,4]: a new batch would be folded into the features. */
    private static Model flattenToBatchOne() {
        ByteBuffer raw = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(1)
                .putLong(-1);
        Proto shape = Proto.message()
                .packed(1, new long[] {2})
                .i64(2, INT64)
                .str(8, "shape")
                .bytes(9, raw.array());
        return load(
                "flat.onnx",
                Proto.message()
                        .msg(1, node("flatten_to_one", "Reshape", new String[] {"x", "shape"}, new String[] {"y"}))
                        .msg(5, shape)
                        .msg(11, valueInfo("x", FLOAT, 1, 4))
                        .msg(12, valueInfo("y", FLOAT, 1, 4)));
    }

    /** y = Relu(x), x float[N,4] with a symbolic batch. */
    private static Model freeBatch() {
        return load(
                "free.onnx",
                Proto.message()
                        .msg(1, node("relu", "Relu", new String[] {"x"}, new String[] {"y"}))
                        .msg(11, valueInfo("x", FLOAT, "N", 4))
                        .msg(12, valueInfo("y", FLOAT, "N", 4)));
    }

    @Test
    void aFixedBatchIsResizedWhenTheGraphCarriesIt() {
        Model one = matMul();
        Model three = one.withInputShapes(Map.of("x", Shape.of(3, 4)));

        assertThat(three.inputs().get(0).shapeText()).isEqualTo("[3,4]");
        assertThat(three.outputs().get(0).shapeText()).isEqualTo("[3,2]");
        try (Session s = three.newSession()) {
            Tensor y = s.run(Map.of("x", Tensor.ofFloats(Shape.of(3, 4), 1, 2, 3, 4, -1, -2, -3, -4, 0, 1, 0, 1)))
                    .get("y");
            float[] v = new float[6];
            y.floats().get(0, v);
            assertThat(y.shape()).isEqualTo(Shape.of(3, 2));
            assertThat(v).containsExactly(4, 6, 0, 0, 0, 2);
        }
        // the original model is unchanged and still refuses the new batch
        try (Session s = one.newSession()) {
            assertThatThrownBy(() -> s.run(Map.of(
                            "x", Tensor.allocate(dev.vela.spi.TensorType.of(dev.vela.spi.DataType.FLOAT32, 3, 4)))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must have shape [1,4]");
        }
    }

    @Test
    void aFreeDimensionGetsASize() {
        Model pinned = freeBatch().withInputShapes(Map.of("x", Shape.of(5, 4)));

        assertThat(pinned.inputs().get(0).shapeText()).isEqualTo("[5,4]");
        assertThat(pinned.outputs().get(0).shapeText()).isEqualTo("[5,4]");
    }

    @Test
    void aBatchTheGraphFoldsAwayIsRefusedNotSilentlyWrong() {
        assertThatThrownBy(() -> flattenToBatchOne().withInputShapes(Map.of("x", Shape.of(2, 4))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("flat.onnx: the model does not carry a batch of 2 through to output 'y'")
                .hasMessageContaining("only runs with batch 1");
    }

    @Test
    void aShapeANodeCannotTakeIsRefusedNamingTheNode() {
        assertThatThrownBy(() -> matMul().withInputShapes(Map.of("x", Shape.of(1, 5))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mm.onnx: the model cannot run with inputs resized to {x=[1x5]}")
                .hasMessageContaining("node 'mm' (MatMul)", "K=5");
    }

    @Test
    void unknownInputsAndOtherRanksAreRefused() {
        assertThatThrownBy(() -> matMul().withInputShapes(Map.of("z", Shape.of(1, 4))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot resize [z]: not an input of the model");
        assertThatThrownBy(() -> matMul().withInputShapes(Map.of("x", Shape.of(4))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("input 'x' has rank 2 ([1,4]); it cannot be resized to [4] (rank 1)");
    }
}
