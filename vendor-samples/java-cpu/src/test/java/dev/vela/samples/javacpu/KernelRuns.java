package dev.vela.samples.javacpu;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Test helpers: prepare and invoke a kernel with a given thread count; seeded random tensors. */
final class KernelRuns {

    private KernelRuns() {}

    /** Prepares the node with the factory and runs it once on {@code threads} threads. */
    static Tensor run(KernelFactory factory, Node node, int threads, Tensor... inputs) {
        try (Kernel kernel = factory.prepare(node)) {
            return invoke(kernel, threads, inputs);
        }
    }

    /** Runs a prepared kernel once, output in fresh memory. */
    static Tensor invoke(Kernel kernel, int threads, Tensor... inputs) {
        List<Tensor> outputs = new ArrayList<>();
        for (TensorType t : kernel.outputTypes()) {
            Tensor out = Tensor.allocate(t);
            // Garbage in the output on entry: a kernel must write every element.
            ByteBuffer b = out.bytes();
            while (b.hasRemaining()) {
                b.put((byte) 0x7f);
            }
            outputs.add(out);
        }
        ByteBuffer scratch = ByteBuffer.allocateDirect(kernel.scratchBytes()).order(ByteOrder.LITTLE_ENDIAN);
        kernel.invoke(Invocation.of(Arrays.asList(inputs), outputs, scratch, threads));
        return outputs.get(0);
    }

    /** A float32 tensor of uniform values in [-1, 1). */
    static Tensor random(Random rnd, int... dims) {
        float[] v = new float[dev.vela.spi.Shape.of(dims).elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 2f - 1f;
        }
        return Tensor.ofFloats(dev.vela.spi.Shape.of(dims), v);
    }
}
