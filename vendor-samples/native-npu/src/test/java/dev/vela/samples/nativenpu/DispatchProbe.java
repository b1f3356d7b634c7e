package dev.vela.samples.nativenpu;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.Random;

/**
 * Run in a fresh JVM by {@link DispatchTest}: loads the native library under whatever {@value
 * Dispatch#PROPERTY} the JVM was started with, runs one convolution on the provider's default path
 * and prints the path and a hash of the output bytes.
 */
public final class DispatchProbe {

    private DispatchProbe() {}

    /** @param args ignored */
    public static void main(String[] args) {
        NativeNpuProvider provider = new NativeNpuProvider();
        Node node = sampleConv();
        Tensor y = NpuTesting.run(provider.factories().get(0), node, sampleInputs());
        System.out.println("isa=" + provider.isa().label() + " hash=" + Arrays.hashCode(NpuTesting.bytes(y)));
    }

    static Tensor[] sampleInputs() {
        Random r = new Random(42);
        Tensor x = NpuTesting.int8(Shape.of(1, 6, 6, 24), 0.05f, -3, NpuTesting.randomBytes(r, 6 * 6 * 24));
        Tensor w = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(40, 3, 3, 24), Quantization.perTensor(0.01f, 0)),
                NpuTesting.randomBytes(r, 40 * 9 * 24));
        return new Tensor[] {x, w};
    }

    static Node sampleConv() {
        Tensor[] in = sampleInputs();
        return Node.builder("Conv")
                .name("probe")
                .input(in[0].type())
                .constantInput(in[1])
                .attr("data_format", "NHWC")
                .attr("auto_pad", "SAME_UPPER")
                .attr("output_scale", 0.2f)
                .attr("output_zero_point", 5L)
                .build();
    }
}
