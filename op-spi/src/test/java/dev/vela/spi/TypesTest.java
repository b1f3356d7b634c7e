package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TypesTest {

    @Test
    void perAxisQuantizationMustMatchItsAxis() {
        Quantization q = Quantization.perAxis(0, new float[] {0.1f, 0.2f}, new long[] {0, 0});
        TensorType t = TensorType.quantized(DataType.INT8, Shape.of(2, 3), q);
        assertThat(t.isQuantized()).isTrue();
        assertThat(t.quantization()).contains(q);
        assertThatThrownBy(() -> TensorType.quantized(DataType.INT8, Shape.of(3, 3), q))
                .hasMessageContaining("2 scales but axis 0")
                .hasMessageContaining("3 slices");
    }

    @Test
    void quantizationRefusesBadScales() {
        assertThatThrownBy(() -> Quantization.perTensor(0f, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Quantization.perTensor(Float.NaN, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Quantization.perAxis(0, new float[] {1f}, new long[] {0, 0}))
                .hasMessageContaining("as many zero points");
    }

    @Test
    void typePrintsReadably() {
        assertThat(TensorType.of(DataType.FLOAT32, 1, 3)).hasToString("float32[1x3]");
        assertThat(TensorType.of(DataType.FLOAT32, 4).byteSize()).isEqualTo(16);
    }

    @Test
    void opIdsAndClaimsParse() {
        assertThat(OpId.parse("Conv")).isEqualTo(OpId.of("ai.onnx", "Conv"));
        assertThat(OpId.parse("com.acme:Fused")).hasToString("com.acme:Fused");
        KernelClaim c = KernelClaim.parse("Conv/int8/NHWC");
        assertThat(c)
                .isEqualTo(new KernelClaim(OpId.of("Conv"), DataType.INT8, Layout.NHWC))
                .hasToString("Conv/int8/NHWC");
        assertThatThrownBy(() -> KernelClaim.parse("Conv/int8")).hasMessageContaining("op/dtype/layout");
        assertThatThrownBy(() -> DataType.fromLabel("float8")).hasMessageContaining("unknown data type 'float8'");
    }

    @Test
    void onnxCodesAndNamesMapBothWays() {
        assertThat(DataType.FLOAT32.onnxCode()).isEqualTo(1);
        assertThat(DataType.fromOnnxCode(11)).contains(DataType.FLOAT64);
        assertThat(DataType.fromOnnxName("double")).contains(DataType.FLOAT64);
        assertThat(DataType.fromOnnxCode(17)).as("float8 has no SPI type").isEmpty();
        for (DataType t : DataType.values()) {
            assertThat(DataType.fromOnnxCode(t.onnxCode())).contains(t);
            assertThat(DataType.fromOnnxName(t.onnxName())).contains(t);
        }
    }

    @Test
    void layoutComesFromTheNode() {
        assertThat(Layout.of(Node.builder("Conv").build())).isEqualTo(Layout.NCHW);
        assertThat(Layout.of(Node.builder("Conv").attr(Layout.ATTRIBUTE, "NHWC").build()))
                .isEqualTo(Layout.NHWC);
        assertThatThrownBy(() -> Layout.of(Node.builder("Conv")
                        .name("c")
                        .attr(Layout.ATTRIBUTE, "HWC")
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'c' (Conv)");
    }

    @Test
    void nodeBuilderTracksInputs() {
        Node n = Node.builder("Clip")
                .name("clip")
                .input(TensorType.of(DataType.FLOAT32, 2))
                .absentInput()
                .constantInput(Tensor.ofFloats(Shape.scalar(), 6f))
                .build();
        assertThat(n.inputCount()).isEqualTo(3);
        assertThat(n.hasInput(1)).isFalse();
        assertThat(n.inputValue(2)).isPresent();
        assertThat(n.inputValue(0)).isEmpty();
        assertThatThrownBy(() -> n.inputType(1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessage("node 'clip' (Clip): input 1 is missing");
    }

    @Test
    void nodesCarryDeclaredOutputQuantization() {
        Quantization q = Quantization.perTensor(0.5f, -3);
        Node n = Node.builder("Conv")
                .outputs(2)
                .outputQuantization(1, q)
                .outputDataType(1, DataType.INT16)
                .build();
        assertThat(n.outputQuantization(1)).contains(q);
        assertThat(n.outputQuantization(0)).isEmpty();
        assertThat(n.outputDataType(1)).contains(DataType.INT16);
        assertThat(n.outputDataType(0)).isEmpty();
    }

    @Test
    void invocationsCarryTheirThreadCountAndReadOnlyInputs() {
        Tensor in = Tensor.ofFloats(Shape.of(1), 1f);
        Invocation one = Invocation.of(java.util.List.of(in), java.util.List.of(), null);
        Invocation four = Invocation.of(java.util.List.of(in), java.util.List.of(), null, 4);
        assertThat(one.threads()).isEqualTo(1);
        assertThat(four.threads()).isEqualTo(4);
        assertThat(four.input(0).isReadOnly()).isTrue();
        assertThatThrownBy(() -> Invocation.of(java.util.List.of(), java.util.List.of(), null, 0))
                .hasMessageContaining("at least 1");
    }

    @Test
    void providerInfoValidatesId() {
        assertThatThrownBy(() -> ProviderInfo.of("bad id", "v", "1", DeviceKind.NPU))
                .hasMessageContaining("provider id");
        assertThat(ProviderInfo.of("acme-npu", "Acme", "1.0", DeviceKind.NPU).spiVersion())
                .isEqualTo(SpiVersion.CURRENT);
    }

    @Test
    void supportCarriesReason() {
        assertThat(Support.yes().isSupported()).isTrue();
        assertThat(Support.no("dilations > 1")).hasToString("not supported: dilations > 1");
    }
}
