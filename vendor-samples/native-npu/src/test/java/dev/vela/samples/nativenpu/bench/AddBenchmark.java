package dev.vela.samples.nativenpu.bench;

import dev.vela.samples.nativenpu.Isa;
import dev.vela.samples.nativenpu.NativeNpuProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
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
 * One int8 Add per operation, single thread: the ResNet-8 residual (two [1, 32, 32, 16] tensors),
 * and a per-channel broadcast. {@link ConvBenchmarkMain} prints output elements per nanosecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AddBenchmark {

    /** {@code residual-32x32x16} (same shapes) or {@code channel-56x56x24} (second operand [24]). */
    @Param({"residual-32x32x16", "channel-56x56x24"})
    public String shape;

    /** Dispatch path label. */
    @Param({"portable", "avx2", "avx512-vnni"})
    public String isa;

    private Kernel kernel;
    private Invocation invocation;

    /** @return output elements of one call for a {@link #shape} value */
    public static int elements(String shape) {
        return shape.startsWith("residual") ? 32 * 32 * 16 : 56 * 56 * 24;
    }

    /** Prepares the kernel and its operands. */
    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(5);
        Shape a = shape.startsWith("residual") ? Shape.of(1, 32, 32, 16) : Shape.of(1, 56, 56, 24);
        Shape b = shape.startsWith("residual") ? a : Shape.of(24);
        Tensor x = operand(r, a, 0.05f, -4);
        Tensor y = operand(r, b, 0.08f, 10);
        Node node = Node.builder("Add")
                .name(shape)
                .input(x.type())
                .input(y.type())
                .attr("output_scale", 0.1f)
                .attr("output_zero_point", -2L)
                .attr("activation", "Relu")
                .build();
        NativeNpuProvider provider = new NativeNpuProvider(Isa.parse(isa));
        KernelFactory add = provider.factories().stream()
                .filter(f -> f.op().name().equals("Add"))
                .findFirst()
                .orElseThrow();
        kernel = add.prepare(node);
        invocation = Invocation.of(
                List.of(x, y), List.of(Tensor.allocate(kernel.outputTypes().get(0))), null);
        System.out.println("# path " + provider.isa().label() + " for " + isa);
    }

    private static Tensor operand(Random r, Shape s, float scale, long zp) {
        byte[] b = new byte[s.elementCount()];
        r.nextBytes(b);
        return Tensor.ofBytes(TensorType.quantized(DataType.INT8, s, Quantization.perTensor(scale, zp)), b);
    }

    /** Releases the native plan. */
    @TearDown(Level.Trial)
    public void tearDown() {
        kernel.close();
    }

    /** One Add. */
    @Benchmark
    public void add() {
        kernel.invoke(invocation);
    }
}
