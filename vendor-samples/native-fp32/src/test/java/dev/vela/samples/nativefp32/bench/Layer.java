package dev.vela.samples.nativefp32.bench;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The main convolution and fully connected shapes of the float models of the benchmark table (batch 1): VWW
 * (MobileNet v1 0.25 at 96x96, NHWC), ResNet-8 and KWS (DS-CNN) from MLPerf Tiny, AD's fully connected layers,
 * and mnist-8's NCHW convolutions.
 *
 * @param name the JMH parameter value
 * @param nhwc layout
 * @param h input height
 * @param w input width
 * @param c input channels
 * @param m output channels (fully connected: outputs; depthwise: equal to c)
 * @param kh kernel height (0 for fully connected)
 * @param kw kernel width
 * @param stride stride of both axes
 * @param depthwise one input channel per group
 */
record Layer(String name, boolean nhwc, int h, int w, int c, int m, int kh, int kw, int stride, boolean depthwise) {

    static final List<Layer> ALL = List.of(
            conv("vww-stem-3x3s2-96x96x3-8", 96, 96, 3, 8, 3, 2),
            dw("vww-dw3x3-48x48x8", 48, 48, 8, 1),
            conv("vww-pw-48x48x8-16", 48, 48, 8, 16, 1, 1),
            conv("vww-pw-24x24x32-32", 24, 24, 32, 32, 1, 1),
            conv("vww-pw-12x12x64-64", 12, 12, 64, 64, 1, 1),
            conv("vww-pw-6x6x128-128", 6, 6, 128, 128, 1, 1),
            conv("vww-pw-3x3x256-256", 3, 3, 256, 256, 1, 1),
            conv("resnet-3x3-32x32x3-16", 32, 32, 3, 16, 3, 1),
            conv("resnet-3x3-32x32x16-16", 32, 32, 16, 16, 3, 1),
            conv("resnet-3x3-16x16x32-32", 16, 16, 32, 32, 3, 1),
            conv("resnet-3x3-8x8x64-64", 8, 8, 64, 64, 3, 1),
            new Layer("kws-10x4s2-49x10x1-64", true, 49, 10, 1, 64, 10, 4, 2, false),
            dw("kws-dw3x3-25x5x64", 25, 5, 64, 1),
            conv("kws-pw-25x5x64-64", 25, 5, 64, 64, 1, 1),
            fc("ad-fc-1x640-128", 640, 128),
            fc("ad-fc-1x128-128", 128, 128),
            fc("ad-fc-1x128-640", 128, 640),
            new Layer("mnist-5x5-28x28x1-8-nchw", false, 28, 28, 1, 8, 5, 5, 1, false),
            new Layer("mnist-5x5-14x14x8-16-nchw", false, 14, 14, 8, 16, 5, 5, 1, false),
            fc("mnist-fc-1x256-10", 256, 10));

    private static final Map<String, Layer> BY_NAME =
            ALL.stream().collect(Collectors.toMap(Layer::name, Function.identity()));

    static Layer byName(String name) {
        Layer l = BY_NAME.get(name);
        if (l == null) {
            throw new IllegalArgumentException("unknown layer " + name + "; known: " + BY_NAME.keySet());
        }
        return l;
    }

    private static Layer conv(String name, int h, int w, int c, int m, int k, int stride) {
        return new Layer(name, true, h, w, c, m, k, k, stride, false);
    }

    private static Layer dw(String name, int h, int w, int c, int stride) {
        return new Layer(name, true, h, w, c, c, 3, 3, stride, true);
    }

    private static Layer fc(String name, int k, int n) {
        return new Layer(name, true, 1, 1, k, n, 0, 0, 1, false);
    }

    boolean fullyConnected() {
        return kh == 0;
    }

    /** SAME padding's output extent */
    int outH() {
        return (h + stride - 1) / stride;
    }

    int outW() {
        return (w + stride - 1) / stride;
    }

    /** @return floating-point operations of one call, 2 per multiply-add */
    double flops() {
        if (fullyConnected()) {
            return 2.0 * c * m;
        }
        return 2.0 * outH() * outW() * m * kh * kw * (depthwise ? 1 : c);
    }

    /** @return the node (SAME padding, fused Relu, constant weights and bias) */
    Node node(Random r) {
        if (fullyConnected()) {
            return Node.builder("Gemm")
                    .name(name)
                    .input(TensorType.of(DataType.FLOAT32, 1, c))
                    .constantInput(random(r, m, c))
                    .constantInput(random(r, m))
                    .attr("transB", 1L)
                    .attr("activation", "Relu")
                    .build();
        }
        int cg = depthwise ? 1 : c;
        Node.Builder b = Node.builder("Conv")
                .name(name)
                .input(TensorType.of(DataType.FLOAT32, nhwc ? Shape.of(1, h, w, c) : Shape.of(1, c, h, w)))
                .constantInput(random(r, nhwc ? new int[] {m, kh, kw, cg} : new int[] {m, cg, kh, kw}))
                .constantInput(random(r, m))
                .attr("group", depthwise ? c : 1)
                .attr("kernel_shape", kh, kw)
                .attr("strides", stride, stride)
                .attr("auto_pad", "SAME_UPPER")
                .attr("activation", "Relu");
        if (nhwc) {
            b.attr("data_format", "NHWC");
        }
        return b.build();
    }

    /** @return the input in a direct buffer, as the runtime's arena holds it (a heap tensor is copied per call) */
    Tensor input(Random r) {
        Tensor heap = fullyConnected() ? random(r, 1, c) : nhwc ? random(r, 1, h, w, c) : random(r, 1, c, h, w);
        Tensor direct = Tensor.allocate(heap.type());
        direct.copyFrom(heap);
        return direct;
    }

    static Tensor random(Random r, int... dims) {
        float[] v = new float[Shape.of(dims).elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return Tensor.ofFloats(Shape.of(dims), v);
    }
}
