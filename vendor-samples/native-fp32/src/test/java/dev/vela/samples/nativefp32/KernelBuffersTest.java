package dev.vela.samples.nativefp32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The buffers a kernel hands C++ are kept by tensor identity ({@link BoundaryBuffers}): the runtime's steady state
 * passes the same tensors every run, so a repeated call allocates nothing, while a heap input, whose contents the
 * caller may change under the same tensor, is still copied on every call.
 */
class KernelBuffersTest {

    private static final Shape SHAPE = Shape.of(1, 1024);

    @Test
    void repeatedCallsWithTheSameTensorsAllocateNothing() {
        Tensor x = Tensor.ofFloats(SHAPE, ramp(-1));
        try (Kernel relu = relu(x)) {
            Tensor y = Tensor.allocate(relu.outputTypes().get(0));
            Invocation same = new FixedInvocation(x, y);
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            for (int i = 0; i < 100; i++) {
                relu.invoke(same);
            }
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 10_000; i++) {
                relu.invoke(same);
            }
            // one object per call would be at least 160,000 bytes
            assertThat(threads.getThreadAllocatedBytes(thread) - before).isLessThan(1024);
            assertThat(y.floats().get(0)).isZero();
            assertThat(y.floats().get(1023)).isEqualTo(1022f);
        }
    }

    @Test
    void copiesAHeapInputAgainOnEveryCall() {
        ByteBuffer heap =
                ByteBuffer.allocate(SHAPE.elementCount() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        heap.asFloatBuffer().put(ramp(-1));
        Tensor x = Tensor.wrap(Tensor.ofFloats(SHAPE, ramp(0)).type(), heap);
        try (Kernel relu = relu(x)) {
            Tensor y = Tensor.allocate(relu.outputTypes().get(0));
            Invocation same = new FixedInvocation(x, y);
            relu.invoke(same);
            assertThat(y.floats().get(1023)).isEqualTo(1022f);
            heap.asFloatBuffer().put(ramp(5));
            relu.invoke(same);
            assertThat(y.floats().get(0)).isEqualTo(5f);
            assertThat(y.floats().get(1023)).isEqualTo(1028f);
        }
    }

    /**
     * C++ gets addresses resolved when a tensor is first seen: a tensor at an offset in a larger direct buffer must
     * be read and written at that offset, and a new tensor in the same position of the call must be resolved again.
     */
    @Test
    void addressesFollowOffsetsAndNewTensors() {
        int bytes = SHAPE.elementCount() * Float.BYTES;
        ByteBuffer memory = ByteBuffer.allocateDirect(3 * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3 * SHAPE.elementCount(); i++) {
            memory.putFloat(i * Float.BYTES, -7f);
        }
        TensorType type = Tensor.ofFloats(SHAPE, ramp(0)).type();
        Tensor x = Tensor.wrap(type, memory.duplicate().position(bytes / 2));
        x.bytes().asFloatBuffer().put(ramp(-1));
        Tensor y = Tensor.wrap(type, memory.duplicate().position(2 * bytes));
        try (Kernel relu = relu(x)) {
            relu.invoke(new FixedInvocation(x, y));
            assertThat(y.floats().get(0)).isZero();
            assertThat(y.floats().get(1023)).isEqualTo(1022f);
            // the gap before the output window, the input's last float and the bytes before it are untouched
            assertThat(memory.getFloat(2 * bytes - Float.BYTES)).isEqualTo(-7f);
            assertThat(memory.getFloat(bytes / 2 + bytes - Float.BYTES)).isEqualTo(1022f);
            assertThat(memory.getFloat(bytes / 2 - Float.BYTES)).isEqualTo(-7f);

            Tensor x2 = Tensor.ofFloats(SHAPE, ramp(100));
            Tensor y2 = Tensor.allocate(type);
            relu.invoke(new FixedInvocation(x2, y2));
            assertThat(y2.floats().get(0)).isEqualTo(100f);
            assertThat(y.floats().get(1)).isZero(); // the first call's output is not written again
        }
    }

    private static Kernel relu(Tensor x) {
        Node node = Node.builder("Relu").name("relu").input(x.type()).build();
        return ReferenceComparisonTest.factory(new NativeFp32Provider(), "Relu").prepare(node);
    }

    private static float[] ramp(float first) {
        float[] v = new float[SHAPE.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = first + i;
        }
        return v;
    }

    /** Always the same tensors and no scratch, as the runtime's steady state hands them. */
    private static final class FixedInvocation implements Invocation {
        private static final ByteBuffer NO_SCRATCH = ByteBuffer.allocateDirect(0);
        private final Tensor in;
        private final Tensor out;

        FixedInvocation(Tensor in, Tensor out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public int inputCount() {
            return 1;
        }

        @Override
        public boolean hasInput(int index) {
            return index == 0;
        }

        @Override
        public Tensor input(int index) {
            return in;
        }

        @Override
        public int outputCount() {
            return 1;
        }

        @Override
        public Tensor output(int index) {
            return out;
        }

        @Override
        public ByteBuffer scratch() {
            return NO_SCRATCH;
        }
    }
}
