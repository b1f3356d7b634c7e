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
 * One int8 fully connected (Gemm) invocation per operation, single thread, for each layer and
 * dispatch path: batch-1 GEMV, where the time per call (Java glue and JNI included) matters as much
 * as GOP/s. {@link ConvBenchmarkMain} prints both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class GemmBenchmark {

    /** Layer name, see {@link FcLayer#byName(String)}. */
    @Param({"fc-1x640-128", "fc-1x128-128", "fc-1x128-8", "fc-1x128-640", "fc-1x1280-1000", "fc-64x256-256"})
    public String layer;

    /** Dispatch path label. */
    @Param({"portable", "avx2", "avx512-vnni"})
    public String isa;

    private Kernel kernel;
    private Invocation invocation;

    /** Prepares the kernel, its input, output and scratch. */
    @Setup(Level.Trial)
    public void setUp() {
        FcLayer l = FcLayer.byName(layer);
        Random r = new Random(11);
        Node node = l.node(r);
        NativeNpuProvider provider = new NativeNpuProvider(Isa.parse(isa));
        KernelFactory gemm = provider.factories().stream()
                .filter(f -> f.op().name().equals("Gemm"))
                .findFirst()
                .orElseThrow();
        kernel = gemm.prepare(node);
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

    /** One call of the layer. */
    @Benchmark
    public void gemm() {
        kernel.invoke(invocation);
    }
}
