package dev.vela.samples.nativenpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Native memory lifetime, scratch, buffers that are not direct, and concurrent invocation. */
class KernelLifecycleTest {

    private final Tensor[] inputs = DispatchProbe.sampleInputs();

    private Kernel prepare() {
        return new NativeNpuProvider().factories().get(0).prepare(DispatchProbe.sampleConv());
    }

    private byte[] expected() {
        return NpuTesting.bytes(NpuTesting.run(NpuTesting.reference("Conv"), DispatchProbe.sampleConv(), inputs));
    }

    @Test
    void asksForScratchOnlyWhenItPacksInputs() {
        try (Kernel k = prepare()) {
            assertThat(k.scratchBytes()).isGreaterThan(0);
            assertThat(k.outputTypes().get(0).shape()).isEqualTo(Shape.of(1, 6, 6, 40));
        }
    }

    @Test
    void runsWithoutTheScratchItAskedFor() {
        try (Kernel k = prepare()) {
            Tensor out = Tensor.allocate(k.outputTypes().get(0));
            k.invoke(Invocation.of(List.of(inputs), List.of(out), null));
            assertThat(NpuTesting.bytes(out)).isEqualTo(expected());
        }
    }

    @Test
    void copiesHeapBuffersThroughDirectOnes() {
        try (Kernel k = prepare()) {
            Tensor x = Tensor.wrap(inputs[0].type(), ByteBuffer.wrap(NpuTesting.bytes(inputs[0])));
            Tensor out = Tensor.wrap(
                    k.outputTypes().get(0),
                    ByteBuffer.allocate(k.outputTypes().get(0).byteSize()).order(ByteOrder.LITTLE_ENDIAN));
            k.invoke(Invocation.of(List.of(x, inputs[1]), List.of(out), ByteBuffer.allocate(k.scratchBytes())));
            assertThat(NpuTesting.bytes(out)).isEqualTo(expected());
        }
    }

    /**
     * The runtime hands a session's kernel the same tensors every run: the kernel keeps the direct buffers it
     * hands C++ (by tensor identity), so a repeated call allocates nothing (the JVM's per-thread counter over
     * 10,000 calls; one object per call would be at least 160,000 bytes).
     */
    @Test
    void repeatedCallsWithTheSameTensorsAllocateNothing() {
        try (Kernel k = prepare()) {
            Tensor out = Tensor.allocate(k.outputTypes().get(0));
            Invocation same = new FixedInvocation(inputs, out, ByteBuffer.allocateDirect(k.scratchBytes()));
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 100; i++) {
                k.invoke(same);
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 10_000; i++) {
                k.invoke(same);
            }
            long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertThat(bytes).isLessThan(1024);
            assertThat(NpuTesting.bytes(out)).isEqualTo(expected());
        }
    }

    /** A heap input is copied on every call, not once: its contents change while the tensor stays the same. */
    @Test
    void copiesAHeapInputAgainOnEveryCall() {
        try (Kernel k = prepare()) {
            byte[] values = NpuTesting.bytes(inputs[0]);
            Tensor x = Tensor.wrap(inputs[0].type(), ByteBuffer.wrap(values));
            Tensor out = Tensor.allocate(k.outputTypes().get(0));
            Invocation same =
                    new FixedInvocation(new Tensor[] {x, inputs[1]}, out, ByteBuffer.allocateDirect(k.scratchBytes()));
            k.invoke(same);
            assertThat(NpuTesting.bytes(out)).isEqualTo(expected());
            java.util.Arrays.fill(values, (byte) 7);
            k.invoke(same);
            Tensor sevens = Tensor.wrap(inputs[0].type(), ByteBuffer.wrap(values.clone()));
            byte[] want = NpuTesting.bytes(NpuTesting.run(
                    NpuTesting.reference("Conv"), DispatchProbe.sampleConv(), new Tensor[] {sevens, inputs[1]}));
            assertThat(NpuTesting.bytes(out)).isEqualTo(want);
        }
    }

    /** Always the same tensors and the same scratch view, as the runtime's steady state hands them. */
    private static final class FixedInvocation implements Invocation {
        private final Tensor[] in;
        private final Tensor out;
        private final ByteBuffer scratch;

        FixedInvocation(Tensor[] in, Tensor out, ByteBuffer scratch) {
            this.in = in;
            this.out = out;
            this.scratch = scratch;
        }

        @Override
        public int inputCount() {
            return in.length;
        }

        @Override
        public boolean hasInput(int index) {
            return index >= 0 && index < in.length;
        }

        @Override
        public Tensor input(int index) {
            return in[index];
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
            return scratch.clear();
        }
    }

    @Test
    void refusesAnInputOfAnotherShape() {
        try (Kernel k = prepare()) {
            Tensor wrong = NpuTesting.int8(Shape.of(1, 5, 6, 24), 0.05f, -3, new byte[5 * 6 * 24]);
            Tensor out = Tensor.allocate(k.outputTypes().get(0));
            assertThatThrownBy(() -> k.invoke(Invocation.of(List.of(wrong, inputs[1]), List.of(out), null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("prepared for");
        }
    }

    @Test
    void closeIsIdempotentAndInvokeAfterCloseFails() {
        Kernel k = prepare();
        k.close();
        k.close();
        Tensor out = Tensor.allocate(k.outputTypes().get(0));
        assertThatThrownBy(() -> k.invoke(Invocation.of(List.of(inputs), List.of(out), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void concurrentInvocationsGiveTheSameBytes() throws Exception {
        byte[] expected = expected();
        for (Isa isa : NpuTesting.paths()) {
            try (Kernel k = NpuTesting.npu(isa, "Conv").prepare(DispatchProbe.sampleConv())) {
                assertThat(k.isConcurrent()).isTrue();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<byte[]>> results = new ArrayList<>();
                    for (int t = 0; t < 16; t++) {
                        results.add(pool.submit(() -> {
                            Tensor out = Tensor.allocate(k.outputTypes().get(0));
                            for (int i = 0; i < 20; i++) {
                                k.invoke(Invocation.of(
                                        List.of(inputs), List.of(out), ByteBuffer.allocateDirect(k.scratchBytes())));
                            }
                            return NpuTesting.bytes(out);
                        }));
                    }
                    for (Future<byte[]> f : results) {
                        assertThat(f.get()).as("%s", isa).isEqualTo(expected);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void leavesInputsUntouched() {
        byte[] before = NpuTesting.bytes(inputs[0]);
        NpuTesting.run(NpuTesting.npu(Dispatch.best(), "Conv"), DispatchProbe.sampleConv(), inputs);
        assertThat(NpuTesting.bytes(inputs[0])).isEqualTo(before);
    }
}
