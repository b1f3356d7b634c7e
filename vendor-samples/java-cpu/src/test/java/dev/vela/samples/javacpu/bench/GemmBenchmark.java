package dev.vela.samples.javacpu.bench;

import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
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
 * Square fp32 Gemm (N x N times N x N, constant B as weights): java-cpu against the reference kernel.
 * The {@code flop} secondary result is FLOP/s (2 N^3 per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GemmBenchmark {

    /** Matrix size. */
    @Param({"256", "512", "1024"})
    public int size;

    /** java-cpu or reference. */
    @Param({"java-cpu", "reference"})
    public String impl;

    /** Threads the invocation allows. */
    @Param({"1", "2"})
    public int threads;

    private Kernel kernel;
    private Invocation invocation;

    /** Prepares the kernel once. */
    @Setup
    public void setUp() {
        Tensor a = BenchKernels.random(1, size, size);
        Tensor b = BenchKernels.random(2, size, size);
        Node node = Node.builder("Gemm")
                .name("bench_gemm")
                .input(TensorType.of(DataType.FLOAT32, size, size))
                .constantInput(b)
                .build();
        kernel = BenchKernels.prepare(impl, node);
        invocation = BenchKernels.invocation(kernel, threads, a, b);
    }

    /**
     * @param counter the FLOP counter
     * @return the output, so the call is not optimised away
     */
    @Benchmark
    public Object gemm(FlopCounter counter) {
        kernel.invoke(invocation);
        counter.flop += 2L * size * size * size;
        return invocation.output(0);
    }
}
