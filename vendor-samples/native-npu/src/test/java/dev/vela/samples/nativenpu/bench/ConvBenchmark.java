package dev.vela.samples.nativenpu.bench;

import dev.vela.samples.nativenpu.Isa;
import dev.vela.samples.nativenpu.NativeNpuProvider;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One int8 Conv invocation per operation, single thread, for each MobileNet-like or ResNet-8 layer and each
 * dispatch path. {@link ConvBenchmarkMain} turns the invocations per second into GOP/s. A path the
 * CPU lacks runs on the best one it has (the path actually used is printed at setup).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ConvBenchmark {

    /** Layer name, see {@link ConvLayer#byName(String)}. */
    @Param({
        "pw-56x56x64-128",
        "pw-28x28x256-256",
        "pw-14x14x512-512",
        "pw-7x7x1024-1024",
        "conv3x3-224x224x3-32-s2",
        "conv3x3-28x28x128-128",
        "conv3x3-32x32x3-16",
        "conv3x3-32x32x16-16",
        "conv3x3-32x32x16-32-s2",
        "conv3x3-16x16x32-32",
        "conv3x3-16x16x32-64-s2",
        "conv3x3-8x8x64-64",
        "dw3x3-25x5x64",
        "dw3x3-112x112x32",
        "dw3x3-56x56x128",
        "dw3x3-14x14x512"
    })
    public String layer;

    /** Dispatch path label. */
    @Param({"portable", "avx2", "avx512-vnni"})
    public String isa;

    private Kernel kernel;
    private Invocation invocation;

    /** Prepares the kernel, its input, output and scratch. */
    @Setup(Level.Trial)
    public void setUp() {
        ConvLayer l = ConvLayer.byName(layer);
        Random r = new Random(7);
        Node node = l.node(r);
        NativeNpuProvider provider = new NativeNpuProvider(Isa.parse(isa));
        KernelFactory conv = provider.factories().stream()
                .filter(f -> f.op().name().equals("Conv"))
                .findFirst()
                .orElseThrow();
        kernel = conv.prepare(node);
        Tensor out = Tensor.allocate(kernel.outputTypes().get(0));
        invocation = Invocation.of(
                List.of(
                        l.input(r),
                        node.inputValue(1).orElseThrow(),
                        node.inputValue(2).orElseThrow()),
                List.of(out),
                ByteBuffer.allocateDirect(kernel.scratchBytes()));
        System.out.println("# path " + provider.isa().label() + " for " + isa);
    }

    /** Releases the native plan. */
    @TearDown(Level.Trial)
    public void tearDown() {
        kernel.close();
    }

    /** One inference of the layer. */
    @Benchmark
    public void conv() {
        kernel.invoke(invocation);
    }
}
