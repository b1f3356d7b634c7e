package dev.vela.samples.javacpu.bench;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
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
 * MobileNet-v1-like Conv layers, batch 1, bias and fused Relu (the reference gets the same node
 * without the fused activation, which it does not know): java-cpu against the reference kernel.
 * The {@code flop} secondary result is FLOP/s (2 multiply-adds per weight tap per output).
 * <ul>
 *   <li>{@code stem}: 3 to 32 channels, 3x3, stride 2, 224x224 input (SAME padding);</li>
 *   <li>{@code dw}: depthwise 3x3, 128 channels, 56x56, stride 1, pad 1;</li>
 *   <li>{@code pw}: pointwise 1x1, 128 to 128 channels, 56x56.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConvBenchmark {

    /** stem, dw or pw. */
    @Param({"stem", "dw", "pw"})
    public String layer;

    /** NCHW or NHWC. */
    @Param({"NCHW", "NHWC"})
    public String layout;

    /** java-cpu or reference. */
    @Param({"java-cpu", "reference"})
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
        int c;
        int m;
        int hw;
        int k;
        int stride;
        int group;
        switch (layer) {
            case "stem" -> {
                c = 3;
                m = 32;
                hw = 224;
                k = 3;
                stride = 2;
                group = 1;
            }
            case "dw" -> {
                c = 128;
                m = 128;
                hw = 56;
                k = 3;
                stride = 1;
                group = 128;
            }
            case "pw" -> {
                c = 128;
                m = 128;
                hw = 56;
                k = 1;
                stride = 1;
                group = 1;
            }
            default -> throw new IllegalArgumentException(layer);
        }
        boolean nhwc = layout.equals("NHWC");
        Tensor x = BenchKernels.random(1, nhwc ? new int[] {1, hw, hw, c} : new int[] {1, c, hw, hw});
        Tensor w = BenchKernels.random(2, nhwc ? new int[] {m, k, k, c / group} : new int[] {m, c / group, k, k});
        Tensor b = BenchKernels.random(3, m);
        Node.Builder nb = Node.builder("Conv")
                .name("bench_" + layer)
                .input(x.type())
                .constantInput(w)
                .constantInput(b)
                .attr("group", group)
                .attr("strides", stride, stride)
                .attr("auto_pad", "SAME_UPPER")
                .attr("data_format", layout);
        if (impl.equals("java-cpu")) {
            nb.attr("activation", "Relu");
        }
        kernel = BenchKernels.prepare(impl, nb.build());
        invocation = BenchKernels.invocation(kernel, threads, x, w, b);
        Shape y = kernel.outputTypes().get(0).shape();
        flopPerCall = 2L * y.elementCount() * (c / group) * k * k;
    }

    /**
     * @param counter the FLOP counter
     * @return the output, so the call is not optimised away
     */
    @Benchmark
    public Object conv(FlopCounter counter) {
        kernel.invoke(invocation);
        counter.flop += flopPerCall;
        return invocation.output(0);
    }
}
