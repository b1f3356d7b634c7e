package dev.vela.samples.nativefp32;

import static dev.vela.samples.nativefp32.ReferenceComparisonTest.convNode;
import static dev.vela.samples.nativefp32.ReferenceComparisonTest.factory;
import static dev.vela.samples.nativefp32.ReferenceComparisonTest.gemmNode;
import static dev.vela.samples.nativefp32.ReferenceComparisonTest.hybridConvNode;
import static dev.vela.samples.nativefp32.ReferenceComparisonTest.int8Weights;
import static dev.vela.samples.nativefp32.ReferenceComparisonTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls split between the caller and the native worker pool ({@code fp32_workers.h}, {@code fp32_split.h}): the same
 * bytes as one thread at 1, 2 and 3 threads on every split kind and code path, with every call forced to split and
 * with the measured choice; one pool for all kernels, no worker thread left once they are closed; a worker's failure
 * is the invocation's error.
 */
class SplitCallsTest {

    /** A node to split and its inputs (the first is the activation; the rest are the node's constants). */
    record Case(String what, String op, Node node, Tensor x) {}

    static Stream<Isa> paths() {
        return ReferenceComparisonTest.paths();
    }

    /** Every dispatch path of the split: each above {@link Workers#MIN_SPLIT_FLOPS}. */
    static List<Case> cases() {
        Random rnd = new Random(15);
        List<Case> cases = new ArrayList<>();
        // nhwc, batch, c, h, w, m, k, stride, depthwise
        int[][] convs = {
            {1, 1, 16, 20, 22, 16, 3, 1, 0}, // im2col + GEMM, ten blocks of 48 pixels and a tail
            {1, 2, 16, 12, 13, 16, 3, 1, 0}, // two images: a chunk may cross from one to the next
            {1, 1, 32, 20, 22, 24, 1, 1, 0}, // direct 1x1
            {1, 1, 3, 33, 35, 16, 3, 1, 0}, // 3-channel stem: runs of 8 pixels in place on AVX-512
            {1, 1, 3, 41, 39, 16, 3, 2, 0}, // strided stem
            {0, 1, 8, 19, 21, 16, 5, 1, 0}, // NCHW output planes (mnist-8's second conv, larger)
            {0, 1, 8, 23, 21, 16, 3, 2, 0}, // NCHW strided: im2col + GEMM into planes
            {1, 1, 48, 30, 31, 48, 3, 1, 1}, // depthwise by output rows
            {1, 2, 19, 48, 50, 19, 3, 2, 1}, // depthwise strided, a masked channel tail, two images
        };
        for (int[] cs : convs) {
            boolean nhwc = cs[0] == 1, depthwise = cs[8] == 1;
            int batch = cs[1], c = cs[2], h = cs[3], w = cs[4], m = cs[5], k = cs[6], s = cs[7];
            int cg = depthwise ? 1 : c;
            Tensor weights = random(rnd, nhwc ? new int[] {m, k, k, cg} : new int[] {m, cg, k, k});
            Tensor bias = random(rnd, m);
            Tensor x = random(rnd, nhwc ? new int[] {batch, h, w, c} : new int[] {batch, c, h, w});
            Node node = convNode(nhwc, x.type(), weights, bias, depthwise ? c : 1, k, s, 1, k / 2, "Relu");
            cases.add(new Case("conv " + Arrays.toString(cs), "Conv", node, x));
        }
        for (boolean perChannel : new boolean[] {false, true}) {
            Tensor weights = int8Weights(rnd, new int[] {24, 3, 3, 16}, perChannel);
            Tensor x = random(rnd, 1, 18, 19, 16);
            Node node = hybridConvNode(true, x.type(), weights, random(rnd, 24), 3, 3, 1, 1, null);
            cases.add(new Case("hybrid conv, per channel " + perChannel, "Conv", node, x));
        }
        Tensor a = random(rnd, 50, 64);
        Node gemm = gemmNode(a.type(), random(rnd, 64, 48), random(rnd, 48), false, 1f, 1f, "Relu");
        cases.add(new Case("fully connected, 50 rows", "Gemm", gemm, a));
        return cases;
    }

    @AfterEach
    void noWorkerLeft() throws IOException {
        assertThat(Workers.live())
                .as("native workers alive after every kernel closed")
                .isZero();
        assertThat(workerTasks()).as("threads named fp32-worker").isZero();
    }

    @ParameterizedTest
    @MethodSource("paths")
    void forcedSplitsGiveTheBytesOfOneThread(Isa isa) {
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        for (Case c : cases()) {
            try (Kernel kernel = factory(provider, c.op()).prepare(c.node())) {
                NativeKernel nk = (NativeKernel) kernel;
                assertThat(nk.splits()).as(c.what() + " may split").isTrue();
                nk.forceSplitForTest();
                byte[] one = invoke(kernel, c.x(), 1);
                for (int threads : new int[] {2, 3, 1, 2}) {
                    assertThat(invoke(kernel, c.x(), threads))
                            .as(isa + " " + c.what() + " at " + threads + " threads")
                            .isEqualTo(one);
                }
                assertThat(nk.splitting()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void measuredChoiceDecidesAndKeepsTheBytes(Isa isa) {
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        Case c = cases().get(0);
        try (Kernel kernel = factory(provider, c.op()).prepare(c.node())) {
            NativeKernel nk = (NativeKernel) kernel;
            byte[] one = invoke(kernel, c.x(), 1);
            assertThat(nk.splitDecisions())
                    .as("no probe before a threaded call")
                    .isZero();
            // a probe alternates 16 split and 16 whole calls, then decides
            for (int i = 0; i < 2 * 16; i++) {
                assertThat(invoke(kernel, c.x(), 2)).as(isa + " call " + i).isEqualTo(one);
            }
            assertThat(nk.splitDecisions()).isEqualTo(1);
        }
    }

    @Test
    void oneWorkerPoolServesEveryKernelAndCloseJoinsIt() throws IOException {
        NativeFp32Provider provider = new NativeFp32Provider(Dispatch.best());
        List<Case> cases = cases();
        Kernel first = factory(provider, cases.get(0).op()).prepare(cases.get(0).node());
        Kernel second =
                factory(provider, cases.get(2).op()).prepare(cases.get(2).node());
        try {
            assertThat(Workers.live()).as("no worker before a threaded call").isZero();
            invoke(first, cases.get(0).x(), 1);
            assertThat(Workers.live()).as("no worker for one thread").isZero();
            for (int i = 0; i < 50; i++) {
                invoke(first, cases.get(0).x(), 2);
                invoke(second, cases.get(2).x(), 2);
            }
            assertThat(Workers.live()).as("one pool for both kernels").isEqualTo(1);
            assertThat(workerTasks()).isEqualTo(1);
            first.close();
            assertThat(Workers.live())
                    .as("the other kernel still holds the pool")
                    .isEqualTo(1);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aWorkersFailureIsTheInvocationsError() {
        NativeFp32Provider provider = new NativeFp32Provider(Dispatch.best());
        Case c = cases().get(0);
        try (Kernel kernel = factory(provider, c.op()).prepare(c.node())) {
            NativeKernel nk = (NativeKernel) kernel;
            nk.forceSplitForTest();
            byte[] one = invoke(kernel, c.x(), 1);
            invoke(kernel, c.x(), 2);
            assertThat(nk.failNextWorkerChunkForTest()).isTrue();
            // the fault fires in the first chunk a worker claims; a descheduled worker may leave a call to the caller
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 10_000; i++) {
                            invoke(kernel, c.x(), 2);
                        }
                    })
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("native-fp32: a worker thread failed in node 'conv'")
                    .hasMessageContaining("injected worker fault");
            assertThat(invoke(kernel, c.x(), 2))
                    .as("the next call is whole again")
                    .isEqualTo(one);
        }
    }

    @Test
    void splitCallsAllocateNothing() {
        NativeFp32Provider provider = new NativeFp32Provider(Dispatch.best());
        Case c = cases().get(0);
        try (Kernel kernel = factory(provider, c.op()).prepare(c.node())) {
            ((NativeKernel) kernel).forceSplitForTest();
            Invocation same = new FixedInvocation(
                    c.x(),
                    Tensor.allocate(kernel.outputTypes().get(0)),
                    ByteBuffer.allocateDirect(kernel.scratchBytes()),
                    2);
            for (int i = 0; i < 100; i++) {
                kernel.invoke(same);
            }
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 2_000; i++) {
                kernel.invoke(same);
            }
            // one object per call would be at least 32,000 bytes
            assertThat(threads.getThreadAllocatedBytes(thread) - before).isLessThan(1024);
            assertThat(Workers.live()).isEqualTo(1);
        }
    }

    private static byte[] invoke(Kernel kernel, Tensor x, int threads) {
        Tensor out = Tensor.allocate(kernel.outputTypes().get(0));
        ByteBuffer b = out.bytes();
        while (b.hasRemaining()) {
            b.put((byte) 0x7f); // garbage on entry: every element must be written
        }
        ByteBuffer scratch = ByteBuffer.allocateDirect(kernel.scratchBytes()).order(ByteOrder.LITTLE_ENDIAN);
        kernel.invoke(Invocation.of(List.of(x), List.of(out), scratch, threads));
        ByteBuffer bytes = out.bytes();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return copy;
    }

    /** @return threads of this process named fp32-worker */
    private static long workerTasks() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> {
                        try {
                            return Files.readString(t.resolve("comm")).trim().equals("fp32-worker");
                        } catch (IOException e) {
                            return false; // the thread ended while listed
                        }
                    })
                    .count();
        }
    }
}
