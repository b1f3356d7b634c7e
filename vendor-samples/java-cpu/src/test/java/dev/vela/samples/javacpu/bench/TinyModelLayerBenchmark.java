package dev.vela.samples.javacpu.bench;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot layers of the small models java-cpu is measured on ({@code vela bench --compare}):
 * the fully connected layers of MLPerf Tiny's anomaly-detection model (batch 1, so GEMV), the two
 * 5x5 convolutions of ONNX mnist-8, and a depthwise 3x3 and a 3-channel stride-2 stem as in the
 * visual-wake-words MobileNet (NHWC, as TFLite models are). Calls per second (1e6 / score is
 * microseconds per call), with the {@code flop} secondary result in FLOP/s (real multiply-adds
 * times two; the extra columns of the padded-grid convolution are not counted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TinyModelLayerBenchmark {

    /** The layer. */
    @Param({"fc640x128", "fc128x640", "fc128x128", "mnistConv1", "mnistConv2", "dw3x3", "stem3x3s2"})
    public String layer;

    /** java-cpu or reference. */
    @Param({"java-cpu"})
    public String impl;

    /** Threads the invocation allows. */
    @Param({"1", "2"})
    public int threads;

    private Kernel kernel;
    private Invocation invocation;
    private long flopPerCall;

    /** Prepares the kernel once. */
    @Setup
    public void setUp() {
        switch (layer) {
            case "fc640x128" -> fullyConnected(640, 128);
            case "fc128x640" -> fullyConnected(128, 640);
            case "fc128x128" -> fullyConnected(128, 128);
            case "mnistConv1" -> conv("NCHW", 1, 8, 28, 5, 1, 1);
            case "mnistConv2" -> conv("NCHW", 8, 16, 14, 5, 1, 1);
            case "dw3x3" -> conv("NHWC", 64, 64, 24, 3, 1, 64);
            case "stem3x3s2" -> conv("NHWC", 3, 8, 96, 3, 2, 1);
            default -> throw new IllegalArgumentException(layer);
        }
    }

    /** TFLite FULLY_CONNECTED as imported: Gemm, weights [out, in] with transB, constant bias. */
    private void fullyConnected(int in, int out) {
        Tensor x = BenchKernels.random(1, 1, in);
        Tensor w = BenchKernels.random(2, out, in);
        Tensor b = BenchKernels.random(3, out);
        Node node = Node.builder("Gemm")
                .name("bench_fc")
                .input(x.type())
                .constantInput(w)
                .constantInput(b)
                .attr("transB", 1)
                .build();
        kernel = BenchKernels.prepare(impl, node);
        invocation = BenchKernels.invocation(kernel, threads, x, w, b);
        flopPerCall = 2L * in * out;
    }

    /** A SAME-padded square convolution with bias. */
    private void conv(String layout, int c, int m, int hw, int k, int stride, int group) {
        boolean nhwc = layout.equals("NHWC");
        Tensor x = BenchKernels.random(1, nhwc ? new int[] {1, hw, hw, c} : new int[] {1, c, hw, hw});
        Tensor w = BenchKernels.random(2, nhwc ? new int[] {m, k, k, c / group} : new int[] {m, c / group, k, k});
        Tensor b = BenchKernels.random(3, m);
        Node node = Node.builder("Conv")
                .name("bench_" + layer)
                .input(x.type())
                .constantInput(w)
                .constantInput(b)
                .attr("group", group)
                .attr("strides", stride, stride)
                .attr("auto_pad", "SAME_UPPER")
                .attr("data_format", layout)
                .build();
        kernel = BenchKernels.prepare(impl, node);
        invocation = BenchKernels.invocation(kernel, threads, x, w, b);
        flopPerCall = 2L * kernel.outputTypes().get(0).shape().elementCount() * (c / group) * k * k;
    }

    /**
     * @param counter the FLOP counter
     * @return the output, so the call is not optimised away
     */
    @Benchmark
    public Object layer(FlopCounter counter) {
        kernel.invoke(invocation);
        counter.flop += flopPerCall;
        return invocation.output(0);
    }
}
