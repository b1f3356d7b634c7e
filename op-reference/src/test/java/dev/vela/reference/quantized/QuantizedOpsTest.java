package dev.vela.reference.quantized;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuantizedOpsTest {

    /** Operators that are quantization operators themselves and so take non-quantized inputs. */
    private static final Set<String> CONVERSIONS = Set.of(
            "QuantizeLinear",
            "DequantizeLinear",
            "DynamicQuantizeLinear",
            "QLinearConv",
            "QLinearMatMul",
            "ConvInteger",
            "MatMulInteger");

    @Test
    void sharedOperatorsClaimOnlyQuantizedTypes() {
        List<KernelFactory> all = QuantizedOps.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(24);
        for (KernelFactory f : all) {
            if (f instanceof HybridConv || f instanceof HybridFullyConnected) {
                // dynamic-range kernels take float activations (with int8 weights) by definition
                assertThat(f.claims())
                        .as(f.op().toString())
                        .isNotEmpty()
                        .allMatch(c -> c.dataType() == DataType.FLOAT32);
            } else if (!CONVERSIONS.contains(f.op().name())) {
                assertThat(f.claims())
                        .as(f.op().toString())
                        .isNotEmpty()
                        .allMatch(c -> EnumSet.of(DataType.INT8, DataType.UINT8, DataType.INT16)
                                .contains(c.dataType()));
            }
        }
    }

    @Test
    void sharedOperatorsRefuseFloatInputsWithAClearReason() {
        Tensor f = Tensor.ofFloats(Shape.of(1, 1, 1, 1), 1f);
        for (KernelFactory factory : QuantizedOps.all()) {
            if (CONVERSIONS.contains(factory.op().name())) {
                continue;
            }
            Node n = Node.builder(factory.op())
                    .name("float_node")
                    .input(f.type())
                    .input(f.type())
                    .attr(QuantizedTensors.OUTPUT_SCALE, 1f)
                    .attr("kernel_shape", 1, 1)
                    .build();
            var support = factory.supports(n);
            assertThat(support.isSupported()).as(factory.op().toString()).isFalse();
            assertThat(support.toString()).as(factory.op().toString()).contains("float_node");
        }
    }
}
