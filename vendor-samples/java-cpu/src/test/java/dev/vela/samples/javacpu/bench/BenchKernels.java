package dev.vela.samples.javacpu.bench;

import dev.vela.reference.ReferenceProvider;
import dev.vela.samples.javacpu.JavaCpuProvider;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Shared set-up for the benchmarks: prepare a node with java-cpu or the reference, and a reusable invocation. */
final class BenchKernels {

    private BenchKernels() {}

    /** @return the provider named by a benchmark's {@code impl} parameter */
    static OperatorProvider provider(String impl) {
        return switch (impl) {
            case "java-cpu" -> new JavaCpuProvider();
            case "reference" -> new ReferenceProvider();
            default -> throw new IllegalArgumentException("impl must be java-cpu or reference, got " + impl);
        };
    }

    /** @return the provider's factory for the node, which must support it */
    static Kernel prepare(String impl, Node node) {
        OperatorProvider p = provider(impl);
        for (KernelFactory f : p.factories()) {
            if (f.op().equals(node.op())) {
                var s = f.supports(node);
                if (!s.isSupported()) {
                    throw new IllegalStateException(impl + " does not support " + node.describe() + ": " + s.reason());
                }
                return f.prepare(node);
            }
        }
        throw new IllegalStateException(
                impl + " has no factory for " + node.op() + " (not merged into this build yet?)");
    }

    /** @return an invocation over fresh outputs that asks for {@code threads} threads */
    static Invocation invocation(Kernel kernel, int threads, Tensor... inputs) {
        List<Tensor> outs = new ArrayList<>();
        kernel.outputTypes().forEach(t -> outs.add(Tensor.allocate(t)));
        return Invocation.of(
                Arrays.asList(inputs),
                outs,
                ByteBuffer.allocateDirect(kernel.scratchBytes()).order(ByteOrder.LITTLE_ENDIAN),
                threads);
    }

    /** @return a float32 tensor of seeded values in [-1, 1) */
    static Tensor random(long seed, int... dims) {
        Random r = new Random(seed);
        float[] v = new float[Shape.of(dims).elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return Tensor.ofFloats(Shape.of(dims), v);
    }
}
