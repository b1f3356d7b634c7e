package dev.vela.samples.nativefp32.bench;

import dev.vela.samples.nativefp32.Isa;
import dev.vela.samples.nativefp32.NativeFp32Provider;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
 * One native-fp32 kernel invocation per operation, single thread, for each layer of {@link Layer#ALL} and each
 * code path (a path the CPU lacks runs on the best one it has; the path used is printed at setup). The time per
 * call includes the Java checks and the JNI call. {@link KernelBenchmarkMain} prints GFLOP/s and the share of the
 * per-core fp32 FMA peak. Never run by mvn verify.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class KernelBenchmark {

    /** Layer name, see {@link Layer#ALL}. */
    @Param({
        "vww-stem-3x3s2-96x96x3-8",
        "vww-dw3x3-48x48x8",
        "vww-pw-48x48x8-16",
        "vww-pw-24x24x32-32",
        "vww-pw-12x12x64-64",
        "vww-pw-6x6x128-128",
        "vww-pw-3x3x256-256",
        "resnet-3x3-32x32x3-16",
        "resnet-3x3-32x32x16-16",
        "resnet-3x3-16x16x32-32",
        "resnet-3x3-8x8x64-64",
        "kws-10x4s2-49x10x1-64",
        "kws-dw3x3-25x5x64",
        "kws-pw-25x5x64-64",
        "ad-fc-1x640-128",
        "ad-fc-1x128-128",
        "ad-fc-1x128-640",
        "mnist-5x5-28x28x1-8-nchw",
        "mnist-5x5-14x14x8-16-nchw",
        "mnist-fc-1x256-10"
    })
    public String layer;

    /** Code path label. */
    @Param({"avx512"})
    public String isa;

    private Kernel kernel;
    private Invocation invocation;

    /** Prepares the kernel, its input, output and scratch. */
    @Setup(Level.Trial)
    public void setUp() {
        Layer l = Layer.byName(layer);
        Random r = new Random(7);
        Node node = l.node(r);
        NativeFp32Provider provider = new NativeFp32Provider(Isa.parse(isa));
        KernelFactory factory = provider.factories().stream()
                .filter(f -> f.op().equals(node.op()))
                .findFirst()
                .orElseThrow();
        kernel = factory.prepare(node);
        Tensor out = Tensor.allocate(kernel.outputTypes().get(0));
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(l.input(r));
        inputs.add(node.inputValue(1).orElseThrow());
        inputs.add(node.inputValue(2).orElseThrow());
        invocation = Invocation.of(inputs, List.of(out), ByteBuffer.allocateDirect(kernel.scratchBytes()));
        System.out.println("# path " + provider.isa().label() + " for " + isa);
    }

    /** Releases the native plan. */
    @TearDown(Level.Trial)
    public void tearDown() {
        kernel.close();
    }

    /** One call of the layer. */
    @Benchmark
    public void kernel() {
        kernel.invoke(invocation);
    }
}
