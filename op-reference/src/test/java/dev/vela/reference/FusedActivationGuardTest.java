package dev.vela.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The float kernels refuse TFLite's fused activation attribute instead of silently ignoring it. */
class FusedActivationGuardTest {

    private static final TensorType F32 = TensorType.of(DataType.FLOAT32, Shape.of(1, 2, 2, 1));

    private static KernelFactory factory(String op) {
        return new ReferenceProvider().factories().stream().filter(f -> f.op().equals(OpId.of(op))).findFirst()
                .orElseThrow();
    }

    @Test
    void everyFloatSpatialDenseAndElementwiseKernelRefusesAFusedActivation() {
        for (String op : List.of("Add", "Sub", "Mul", "Div", "Max", "Min", "Concat", "Relu", "Reshape")) {
            Node node = Node.builder(op).name("fused").input(F32).input(F32).attr("activation", "Relu").build();
            assertThatThrownBy(() -> factory(op).prepare(node)).as(op).isInstanceOf(InvalidNodeException.class)
                    .hasMessageContaining("node 'fused' (" + op + ")").hasMessageContaining("fused activation 'Relu'");
            assertThat(factory(op).supports(node).isSupported()).as(op).isFalse();
        }
        Node conv = Node.builder("Conv").name("c").input(F32).constantInput(Tensor.ofFloats(Shape.of(1, 1, 1, 1), 1f))
                .attr("data_format", "NHWC").attr("activation", "Clip").attr("activation_params", 0f, 6f).build();
        assertThatThrownBy(() -> factory("Conv").prepare(conv)).isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'c' (Conv)").hasMessageContaining("fused activation 'Clip'");
        Node pool = Node.builder("AveragePool").name("p").input(F32).attr("kernel_shape", 2, 2)
                .attr("activation", "Relu").build();
        assertThatThrownBy(() -> factory("AveragePool").prepare(pool)).isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("fused activation");
        Node gemm = Node.builder("Gemm").name("g").input(TensorType.of(DataType.FLOAT32, Shape.of(1, 2)))
                .constantInput(Tensor.ofFloats(Shape.of(2, 2), 1, 0, 0, 1)).attr("activation", "Relu").build();
        assertThatThrownBy(() -> factory("Gemm").prepare(gemm)).isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("fused activation");
    }

    @Test
    void floatNodesWithoutTheAttributeStillRun() {
        Node add = Node.builder("Add").input(F32).input(F32).build();
        Tensor a = Tensor.ofFloats(F32.shape(), 1, -2, 3, -4);
        List<Tensor> out = ReferenceTesting.run(factory("Add"), add, a, a);
        assertThat(out.get(0).toFloatArray()).containsExactly(2, -4, 6, -8);
    }

    @Test
    void quantizedNodesStillApplyTheirFusedActivation() {
        Quantization q = Quantization.perTensor(0.5f, 0);
        TensorType int8 = TensorType.quantized(DataType.INT8, Shape.of(2), q);
        Node add = Node.builder("Add").input(int8).input(int8).attr("activation", "Relu").outputQuantization(0, q)
                .outputDataType(0, DataType.INT8).build();
        Tensor x = Tensor.ofBytes(int8, (byte) 4, (byte) -6);
        Tensor y = Tensor.ofBytes(int8, (byte) 2, (byte) 2);
        // real 2 + 1 = 3 -> q 6; real -3 + 1 = -2 -> relu 0
        assertThat(ReferenceTesting.run(factory("Add"), add, x, y).get(0).toByteArray()).containsExactly(6, 0);
    }
}
