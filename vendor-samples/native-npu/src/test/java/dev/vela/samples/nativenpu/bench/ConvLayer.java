package dev.vela.samples.nativenpu.bench;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Random;

/**
 * MobileNet-like and ResNet-8 (MLPerf Tiny) int8 convolution layers (NHWC, batch 1) for the benchmarks, with their operation
 * counts (2 per multiply-accumulate).
 *
 * @param name benchmark parameter value
 * @param h input height
 * @param w input width
 * @param c input channels
 * @param m output channels
 * @param k kernel size (square)
 * @param stride stride
 * @param depthwise whether group == C (then m == c)
 */
public record ConvLayer(String name, int h, int w, int c, int m, int k, int stride, boolean depthwise) {

    /** The layers, by benchmark parameter name. */
    public static ConvLayer byName(String name) {
        return switch (name) {
            case "pw-56x56x64-128" -> new ConvLayer(name, 56, 56, 64, 128, 1, 1, false);
            case "pw-28x28x256-256" -> new ConvLayer(name, 28, 28, 256, 256, 1, 1, false);
            case "pw-14x14x512-512" -> new ConvLayer(name, 14, 14, 512, 512, 1, 1, false);
            case "pw-7x7x1024-1024" -> new ConvLayer(name, 7, 7, 1024, 1024, 1, 1, false);
            case "conv3x3-224x224x3-32-s2" -> new ConvLayer(name, 224, 224, 3, 32, 3, 2, false);
            case "conv3x3-28x28x128-128" -> new ConvLayer(name, 28, 28, 128, 128, 3, 1, false);
            case "conv3x3-32x32x3-16" -> new ConvLayer(name, 32, 32, 3, 16, 3, 1, false);
            case "conv3x3-32x32x16-16" -> new ConvLayer(name, 32, 32, 16, 16, 3, 1, false);
            case "conv3x3-32x32x16-32-s2" -> new ConvLayer(name, 32, 32, 16, 32, 3, 2, false);
            case "conv3x3-16x16x32-32" -> new ConvLayer(name, 16, 16, 32, 32, 3, 1, false);
            case "conv3x3-16x16x32-64-s2" -> new ConvLayer(name, 16, 16, 32, 64, 3, 2, false);
            case "conv3x3-8x8x64-64" -> new ConvLayer(name, 8, 8, 64, 64, 3, 1, false);
            case "dw3x3-25x5x64" -> new ConvLayer(name, 25, 5, 64, 64, 3, 1, true);
            case "dw3x3-112x112x32" -> new ConvLayer(name, 112, 112, 32, 32, 3, 1, true);
            case "dw3x3-56x56x128" -> new ConvLayer(name, 56, 56, 128, 128, 3, 1, true);
            case "dw3x3-14x14x512" -> new ConvLayer(name, 14, 14, 512, 512, 3, 1, true);
            default -> throw new IllegalArgumentException("unknown layer " + name);
        };
    }

    /** @return output height (SAME padding) */
    public int outH() {
        return (h + stride - 1) / stride;
    }

    /** @return output width (SAME padding) */
    public int outW() {
        return (w + stride - 1) / stride;
    }

    /** @return integer operations per inference of the layer (2 per multiply-accumulate) */
    public double ops() {
        double macsPerOutput = (double) k * k * (depthwise ? 1 : c);
        return 2.0 * outH() * outW() * m * macsPerOutput;
    }

    /** @return a random input tensor */
    public Tensor input(Random r) {
        byte[] b = new byte[h * w * c];
        r.nextBytes(b);
        return Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(1, h, w, c), Quantization.perTensor(0.02f, -5)), b);
    }

    /** @return the Conv node with random per-channel weights and bias, fused ReLU6 */
    public Node node(Random r) {
        int cg = depthwise ? 1 : c;
        byte[] wb = new byte[m * k * k * cg];
        r.nextBytes(wb);
        float[] scales = new float[m];
        int[] bias = new int[m];
        for (int i = 0; i < m; i++) {
            scales[i] = 0.002f + 0.01f * r.nextFloat();
            bias[i] = r.nextInt(2000) - 1000;
        }
        Tensor wt = Tensor.ofBytes(
                TensorType.quantized(
                        DataType.INT8, Shape.of(m, k, k, cg), Quantization.perAxis(0, scales, new long[m])),
                wb);
        Node.Builder b = Node.builder("Conv")
                .name(name)
                .input(input(r).type())
                .constantInput(wt)
                .constantInput(Tensor.ofInts(Shape.of(m), bias))
                .attr("data_format", "NHWC")
                .attr("strides", stride, stride)
                .attr("auto_pad", "SAME_UPPER")
                .attr("output_scale", 0.05f)
                .attr("output_zero_point", -128L)
                .attr("activation", "Clip")
                .attr("activation_params", 0f, 6f);
        if (depthwise) {
            b.attr("group", (long) c);
        }
        return b.build();
    }
}
