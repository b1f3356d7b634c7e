package dev.vela.samples.nativenpu;

import static dev.vela.samples.nativenpu.NpuTesting.int8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.SpiVersion;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Discovery, identity, exact claims and honest supports() answers with reasons. */
class ProviderTest {

    private final NativeNpuProvider provider = new NativeNpuProvider();

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(OperatorProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(NativeNpuProvider.class);
    }

    @Test
    void describesItself() {
        var info = provider.info();
        assertThat(info.id()).isEqualTo("native-npu");
        assertThat(info.vendor()).isEqualTo("Vela samples");
        assertThat(info.deviceKind()).isEqualTo(DeviceKind.NPU);
        assertThat(info.priority()).isEqualTo(200);
        assertThat(info.spiVersion()).isEqualTo(SpiVersion.CURRENT);
    }

    @Test
    void claimsExactlyItsInt8Kernels() {
        Set<String> claims = new TreeSet<>();
        for (KernelFactory f : provider.factories()) {
            for (KernelClaim c : f.claims()) {
                claims.add(c.toString());
            }
        }
        assertThat(claims)
                .containsExactly(
                        "Add/int8/ANY",
                        "AveragePool/int8/NHWC",
                        "Conv/int8/NHWC",
                        "Gemm/int8/ANY",
                        "MaxPool/int8/NHWC",
                        "Pad/int8/ANY",
                        "ReduceMean/int8/ANY",
                        "Softmax/int8/ANY",
                        "Transpose/int8/ANY");
    }

    private KernelFactory factory(String op) {
        return provider.factories().stream()
                .filter(f -> f.op().name().equals(op))
                .findFirst()
                .orElseThrow();
    }

    private static Tensor weights(int m, int kh, int kw, int c, Quantization q) {
        return Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(m, kh, kw, c), q), new byte[m * kh * kw * c]);
    }

    private static Node.Builder conv(Tensor x, Tensor w) {
        return Node.builder("Conv")
                .name("c1")
                .input(x.type())
                .constantInput(w)
                .attr("data_format", "NHWC")
                .attr("output_scale", 0.1f)
                .attr("output_zero_point", 0L);
    }

    @Test
    void padRefusesWhatItDoesNotRunWithReasons() {
        Tensor x = int8(Shape.of(1, 2, 3, 4), 0.1f, 0, new byte[24]);
        Tensor pads = Tensor.ofLongs(Shape.of(8), 0, 1, 1, 0, 0, 1, 1, 0);
        refuses(
                "Pad",
                Node.builder("Pad")
                        .name("p")
                        .input(x.type())
                        .constantInput(pads)
                        .attr("mode", "reflect")
                        .build(),
                "mode 'reflect'");
        refuses(
                "Pad",
                Node.builder("Pad").name("p").input(x.type()).input(pads.type()).build(),
                "must be a constant");
        refuses(
                "Pad",
                Node.builder("Pad")
                        .name("p")
                        .input(x.type())
                        .constantInput(Tensor.ofLongs(Shape.of(6), 0, 0, 0, 0, 0, 0))
                        .build(),
                "pads has 6 values, expected 8");
        refuses(
                "Pad",
                Node.builder("Pad")
                        .name("p")
                        .input(x.type())
                        .constantInput(Tensor.ofLongs(Shape.of(8), 0, -2, 0, 0, 0, -1, 0, 0))
                        .build(),
                "crop more than input");
        refuses(
                "Pad",
                Node.builder("Pad")
                        .name("p")
                        .input(x.type())
                        .constantInput(pads)
                        .constantInput(Tensor.ofFloats(Shape.of(), 1f))
                        .build(),
                "constant_value (input 2) must be int8");
        refuses(
                "Pad",
                Node.builder("Pad")
                        .name("p")
                        .opset(2)
                        .input(x.type())
                        .attr("pads", 0, 0, 0, 0, 0, 0, 0, 0)
                        .build(),
                "opset < 11");
        Tensor f = Tensor.ofFloats(Shape.of(2), 1f, 2f);
        refuses(
                "Pad",
                Node.builder("Pad")
                        .name("p")
                        .input(f.type())
                        .constantInput(Tensor.ofLongs(Shape.of(2), 1, 1))
                        .build(),
                "int8 only");
    }

    private void refuses(String op, Node node, String reason) {
        Support s = factory(op).supports(node);
        assertThat(s.isSupported()).isFalse();
        assertThat(s.reason()).contains(reason);
        assertThatThrownBy(() -> factory(op).prepare(node))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining(node.describe())
                .hasMessageContaining(reason);
    }

    @Test
    void supportsAValidConv() {
        Tensor x = int8(Shape.of(1, 4, 4, 8), 0.1f, 0, new byte[128]);
        Node node =
                conv(x, weights(4, 3, 3, 8, Quantization.perTensor(0.01f, 0))).build();
        assertThat(factory("Conv").supports(node).isSupported()).isTrue();
    }

    @Test
    void refusesWhatItCannotRunWithReasons() {
        Tensor x = int8(Shape.of(1, 4, 4, 8), 0.1f, 0, new byte[128]);
        Tensor w = weights(4, 3, 3, 8, Quantization.perTensor(0.01f, 0));
        refuses("Conv", conv(x, w).attr("data_format", "NCHW").build(), "NHWC only");
        refuses(
                "Conv",
                Node.builder("Conv")
                        .name("c1")
                        .input(x.type())
                        .constantInput(w)
                        .attr("output_scale", 0.1f)
                        .build(),
                "NHWC only");
        refuses(
                "Conv",
                conv(x, weights(4, 3, 3, 4, Quantization.perTensor(0.01f, 0)))
                        .attr("group", 2L)
                        .build(),
                "1 < group < C");
        refuses(
                "Conv",
                Node.builder("Conv")
                        .name("c1")
                        .input(x.type())
                        .input(w.type())
                        .attr("data_format", "NHWC")
                        .attr("output_scale", 0.1f)
                        .build(),
                "must be a constant");
        refuses(
                "Conv",
                conv(x, weights(4, 3, 3, 8, Quantization.perTensor(0.01f, 3))).build(),
                "symmetric");
        refuses(
                "Conv",
                Node.builder("Conv")
                        .name("c1")
                        .input(x.type())
                        .constantInput(w)
                        .attr("data_format", "NHWC")
                        .build(),
                "output_scale");
        refuses("Conv", conv(x, w).attr("activation", "Sigmoid").build(), "fused activation");
        refuses("Conv", conv(x, w).attr("output_dtype", "int16").build(), "int8 only");
        Tensor f = Tensor.allocate(TensorType.of(DataType.FLOAT32, 1, 4, 4, 8));
        refuses("Conv", conv(f, w).build(), "int8 only");
        Tensor u = Tensor.ofBytes(
                TensorType.quantized(DataType.UINT8, Shape.of(1, 4, 4, 8), Quantization.perTensor(0.1f, 128)),
                new byte[128]);
        refuses("Conv", conv(u, w).build(), "int8 only");
        Tensor big = int8(Shape.of(1, 2, 2, 8), 0.1f, 0, new byte[32]);
        refuses(
                "Conv",
                conv(big, weights(4, 3, 3, 8, Quantization.perTensor(0.01f, 0)))
                        .attr("auto_pad", "VALID")
                        .build(),
                "does not fit");
        Tensor bias = Tensor.ofInts(Shape.of(3), 1, 2, 3);
        refuses("Conv", conv(x, w).constantInput(bias).build(), "one value per output channel");
    }

    @Test
    void refusesOtherOperatorsSettings() {
        Tensor a = int8(Shape.of(2, 3), 0.1f, 0, new byte[6]);
        Tensor w = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(4, 3), Quantization.perTensor(0.1f, 0)), new byte[12]);
        refuses(
                "Gemm",
                Node.builder("Gemm")
                        .name("g")
                        .input(a.type())
                        .constantInput(w)
                        .attr("transB", 1L)
                        .attr("transA", 1L)
                        .attr("output_scale", 0.1f)
                        .build(),
                "transA");
        refuses(
                "Gemm",
                Node.builder("Gemm")
                        .name("g")
                        .input(a.type())
                        .constantInput(w)
                        .attr("output_scale", 0.1f)
                        .build(),
                "inner dimensions");
        Tensor b = int8(Shape.of(4), 0.1f, 0, new byte[4]);
        refuses(
                "Add",
                Node.builder("Add")
                        .name("a")
                        .input(a.type())
                        .input(b.type())
                        .attr("output_scale", 0.1f)
                        .build(),
                "broadcast");
        Tensor x = int8(Shape.of(1, 4, 4, 2), 0.1f, 0, new byte[32]);
        refuses(
                "MaxPool",
                Node.builder("MaxPool")
                        .name("p")
                        .input(x.type())
                        .attr("data_format", "NHWC")
                        .attr("kernel_shape", 2, 2)
                        .attr("ceil_mode", 1L)
                        .build(),
                "ceil_mode");
        refuses(
                "AveragePool",
                Node.builder("AveragePool")
                        .name("p")
                        .input(x.type())
                        .attr("data_format", "NHWC")
                        .attr("kernel_shape", 2, 2)
                        .attr("count_include_pad", 1L)
                        .build(),
                "count_include_pad");
        refuses(
                "AveragePool",
                Node.builder("AveragePool")
                        .name("p")
                        .input(x.type())
                        .attr("data_format", "NHWC")
                        .attr("kernel_shape", 2, 2)
                        .attr("output_scale", 0.5f)
                        .attr("output_zero_point", 0L)
                        .build(),
                "same quantization");
        refuses(
                "AveragePool",
                Node.builder("AveragePool")
                        .name("p")
                        .input(x.type())
                        .attr("data_format", "NHWC")
                        .attr("kernel_shape", 2, 2)
                        .attr("pads", 2, 2, 0, 0)
                        .build(),
                "without any input");
        refuses(
                "Softmax",
                Node.builder("Softmax")
                        .name("s")
                        .input(a.type())
                        .attr("axis", 0L)
                        .build(),
                "last axis");
        refuses(
                "Softmax",
                Node.builder("Softmax")
                        .name("s")
                        .input(a.type())
                        .attr("output_scale", 0.1f)
                        .build(),
                "1/256");
    }

    @Test
    void refusesANodeOfAnotherOperator() {
        Tensor a = int8(Shape.of(2, 3), 0.1f, 0, new byte[6]);
        Node relu = Node.builder("Relu").name("r").input(a.type()).build();
        assertThat(factory("Add").supports(relu).reason()).contains("not Relu");
        assertThatThrownBy(() -> factory("Add").prepare(relu)).isInstanceOf(InvalidNodeException.class);
    }
}
