package dev.vela.samples.nativenpu;

import static dev.vela.samples.nativenpu.NpuTesting.biases;
import static dev.vela.samples.nativenpu.NpuTesting.conv;
import static dev.vela.samples.nativenpu.NpuTesting.quantized;
import static dev.vela.samples.nativenpu.NpuTesting.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vela.samples.nativenpu.NpuDelegateTest.TestGraph;
import dev.vela.samples.nativenpu.NpuDelegateTest.TestNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Partition plans on more than one thread (npu_threads.h): every kind of split step (im2col GEMM panels, direct
 * conv rows, depthwise rows in place and over a padded copy, a conv fused with its residual Add, Adds split along
 * their row or an outer dimension) gives the same bytes at one and two threads on every dispatch path, and the
 * reference's; the worker threads end when the plan closes or drops back to one thread; a failing worker surfaces as
 * an error of the invocation.
 */
class ThreadedPlanTest {

    private static final int CHANNELS = 8;
    private static final int SIDE = 32;
    private static final int PIXELS = SIDE * SIDE;

    /** x 1x32x32x8, y2 1x32x32x16: the graphs below read these two boundary inputs. */
    private static final TensorType X =
            TensorType.quantized(DataType.INT8, Shape.of(1, SIDE, SIDE, CHANNELS), Quantization.perTensor(0.05f, -3));

    private static final TensorType Y2 =
            TensorType.quantized(DataType.INT8, Shape.of(1, SIDE, SIDE, 16), Quantization.perTensor(0.07f, 5));

    @Test
    void everySplitStepGivesTheSameBytesAtOneAndTwoThreadsOnEveryPath() {
        Random r = new Random(42);
        Map<String, Tensor> constants = constants(r);
        Tensor x = NpuTesting.int8(X.shape(), 0.05f, -3, NpuTesting.randomBytes(r, PIXELS * CHANNELS));
        Tensor y2 = NpuTesting.int8(Y2.shape(), 0.07f, 5, NpuTesting.randomBytes(r, PIXELS * 16));
        for (TestGraph g : List.of(convAddPointwiseDepthwise(constants), addDepthwiseBroadcastAdd(constants))) {
            byte[] expected = NpuTesting.bytes(NpuDelegateTest.reference(g, x, y2));
            for (Isa isa : NpuTesting.paths()) {
                try (NpuPlan plan = (NpuPlan)
                        new NativeNpuProvider(isa).delegate().orElseThrow().compile(g)) {
                    plan.splitEveryStepForTest();
                    for (int threads : new int[] {1, 2, 3, 1, 2}) {
                        assertThat(NpuTesting.bytes(invoke(plan, x, y2, threads)))
                                .as("%s at %d threads, %s", isa, threads, g.nodes())
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void anRgbStemSplitsByRowsAloneAndFusedWithItsAddOnEveryPath() {
        // three channels at stride 2: the VNNI path's direct conv over channels padded to four (MobileNetV2's stem)
        TensorType rgb =
                TensorType.quantized(DataType.INT8, Shape.of(1, SIDE, SIDE, 3), Quantization.perTensor(0.02f, 4));
        int half = SIDE / 2;
        Random r = new Random(48);
        Map<String, Tensor> constants = constants(r);
        constants.put("w_rgb", weights(r, 16, 3, 3));
        Tensor x = NpuTesting.int8(rgb.shape(), 0.02f, 4, NpuTesting.randomBytes(r, PIXELS * 3));
        for (boolean fused : new boolean[] {true, false}) {
            TensorType other = TensorType.quantized(
                    DataType.INT8,
                    fused ? Shape.of(1, half, half, 16) : Shape.of(1, 1, 1, 16),
                    Quantization.perTensor(0.07f, 5));
            int otherBytes = fused ? half * half * 16 : 16;
            Tensor y2 = NpuTesting.int8(other.shape(), 0.07f, 5, NpuTesting.randomBytes(r, otherBytes));
            List<ViewNode> nodes = List.of(
                    new TestNode(
                            0,
                            "stem",
                            OpId.of("Conv"),
                            13,
                            conv(0.3f, -6, 3, 1, 2, 1),
                            List.of("x", "w_rgb", "b3"),
                            List.of("c")),
                    new TestNode(1, "add", OpId.of("Add"), 13, quantized(0.1f, 2), List.of("c", "y2"), List.of("z")));
            TestGraph g = new TestGraph(nodes, constants, List.of("z"), Map.of(), rgb, other);
            byte[] expected = NpuTesting.bytes(NpuDelegateTest.reference(g, x, y2));
            for (Isa isa : NpuTesting.paths()) {
                try (NpuPlan plan = (NpuPlan)
                        new NativeNpuProvider(isa).delegate().orElseThrow().compile(g)) {
                    assertThat(plan.fusedAdds()).isEqualTo(fused ? 1 : 0);
                    plan.splitEveryStepForTest();
                    for (int threads : new int[] {1, 2}) {
                        assertThat(NpuTesting.bytes(invoke(plan, x, y2, threads)))
                                .as("%s at %d threads, fused %s", isa, threads, fused)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void anNchwInputTransposeFoldedIntoTheRgbStemGivesTheUnfusedBytesOnEveryPath() {
        // Transpose NCHW -> NHWC of a 1x3xHxW image → the RGB stem conv → add(c, a 1x1x1xM row), and the same with
        // a zero-point Pad between Transpose and conv (MobileNetV2's stem; the Pad folds into the conv). On the VNNI
        // path the stem runs direct and reads the planes itself (one step fewer); the other paths keep the Transpose.
        // Odd sizes whose rows end in partial 16-pixel steps, both strides, both direct tile kinds (16 channels and
        // more), with and without the conv's padding, split by rows at two threads.
        Random r = new Random(49);
        int[][] sizes = {{17, 23}, {9, 35}, {5, 3}};
        for (int[] hw : sizes) {
            for (int stride : new int[] {1, 2}) {
                for (int m : new int[] {16, 24}) {
                    int pad = (hw[0] + hw[1] + stride + m) % 2; // varies the padding across the cases
                    assertFoldedStemMatches(r, hw[0], hw[1], stride, m, pad, false);
                    assertFoldedStemMatches(r, hw[0], hw[1], stride, m, 0, true);
                }
            }
        }
    }

    private static void assertFoldedStemMatches(Random r, int h, int w, int stride, int m, int pad, boolean padNode) {
        TensorType nchw = TensorType.quantized(DataType.INT8, Shape.of(1, 3, h, w), Quantization.perTensor(0.02f, 4));
        TensorType row = TensorType.quantized(DataType.INT8, Shape.of(1, 1, 1, m), Quantization.perTensor(0.07f, 5));
        Map<String, Tensor> constants = new HashMap<>();
        constants.put("w_rgb", weights(r, m, 3, 3));
        constants.put("b_rgb", biases(r, m));
        // NHWC begin [0, 1, 2, 0], end [0, 1, 0, 0]: asymmetric, so a fold that misplaces the image shows
        constants.put("pads", Tensor.ofLongs(Shape.of(8), 0, 1, 2, 0, 0, 1, 0, 0));
        constants.put("zp", Tensor.ofBytes(TensorType.of(DataType.INT8, Shape.of()), (byte) 4));
        Tensor x = NpuTesting.int8(nchw.shape(), 0.02f, 4, NpuTesting.randomBytes(r, 3 * h * w));
        Tensor y2 = NpuTesting.int8(row.shape(), 0.07f, 5, NpuTesting.randomBytes(r, m));
        List<ViewNode> nodes = new ArrayList<>();
        nodes.add(new TestNode(
                0,
                "to_nhwc",
                OpId.of("Transpose"),
                13,
                Attributes.builder().put("perm", 0, 2, 3, 1).build(),
                List.of("x"),
                List.of("t")));
        if (padNode) {
            nodes.add(new TestNode(
                    1,
                    "pad",
                    OpId.of("Pad"),
                    13,
                    Attributes.builder().put("mode", "constant").build(),
                    List.of("t", "pads", "zp"),
                    List.of("tp")));
        }
        int at = nodes.size();
        nodes.add(new TestNode(
                at,
                "stem",
                OpId.of("Conv"),
                13,
                conv(0.3f, -6, 3, pad, stride, 1),
                List.of(padNode ? "tp" : "t", "w_rgb", "b_rgb"),
                List.of("c")));
        nodes.add(
                new TestNode(at + 1, "add", OpId.of("Add"), 13, quantized(0.1f, 2), List.of("c", "y2"), List.of("z")));
        TestGraph g = new TestGraph(nodes, constants, List.of("z"), Map.of(), nchw, row);
        byte[] expected = NpuTesting.bytes(NpuDelegateTest.reference(g, x, y2));
        for (Isa isa : NpuTesting.paths()) {
            try (NpuPlan plan = (NpuPlan)
                    new NativeNpuProvider(isa).delegate().orElseThrow().compile(g)) {
                String what = String.format(
                        "%s, %dx%d, stride %d, %d channels, pad %d, Pad node %s", isa, h, w, stride, m, pad, padNode);
                assertThat(plan.steps()).as(what).isEqualTo(isa == Isa.AVX512_VNNI ? 2 : 3);
                plan.splitEveryStepForTest();
                for (int threads : new int[] {1, 2}) {
                    assertThat(NpuTesting.bytes(invoke(plan, x, y2, threads)))
                            .as("%s at %d threads", what, threads)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void theSameBytesWithTheMeasuredThresholds() {
        Random r = new Random(43);
        Map<String, Tensor> constants = constants(r);
        Tensor x = NpuTesting.int8(X.shape(), 0.05f, -3, NpuTesting.randomBytes(r, PIXELS * CHANNELS));
        Tensor y2 = NpuTesting.int8(Y2.shape(), 0.07f, 5, NpuTesting.randomBytes(r, PIXELS * 16));
        TestGraph g = convAddPointwiseDepthwise(constants);
        byte[] expected = NpuTesting.bytes(NpuDelegateTest.reference(g, x, y2));
        try (NpuPlan plan =
                (NpuPlan) new NativeNpuProvider().delegate().orElseThrow().compile(g)) {
            assertThat(NpuTesting.bytes(invoke(plan, x, y2, 2))).isEqualTo(expected);
        }
    }

    @Test
    @Timeout(60)
    void workerThreadsStartOnceAndEndWhenThePlanClosesOrGoesBackToOneThread() throws IOException {
        assumeThat(Runtime.getRuntime().availableProcessors()).isGreaterThan(1);
        Random r = new Random(44);
        TestGraph g = convAddPointwiseDepthwise(constants(r));
        Tensor x = NpuTesting.int8(X.shape(), 0.05f, -3, NpuTesting.randomBytes(r, PIXELS * CHANNELS));
        Tensor y2 = NpuTesting.int8(Y2.shape(), 0.07f, 5, NpuTesting.randomBytes(r, PIXELS * 16));
        int before = NpuNative.npu_live_workers();
        long osBefore = osWorkerThreads();
        NpuPlan plan =
                (NpuPlan) new NativeNpuProvider().delegate().orElseThrow().compile(g);
        try {
            invoke(plan, x, y2, 1);
            assertThat(NpuNative.npu_live_workers()).as("one thread: no worker").isEqualTo(before);
            for (int i = 0; i < 20; i++) {
                invoke(plan, x, y2, 2);
            }
            assertThat(NpuNative.npu_live_workers())
                    .as("one worker for the plan, however many runs")
                    .isEqualTo(before + 1);
            assertThat(osWorkerThreads()).isEqualTo(osBefore + 1);
            invoke(plan, x, y2, 1);
            assertThat(NpuNative.npu_live_workers()).as("back to one thread").isEqualTo(before);
            invoke(plan, x, y2, 2);
            assertThat(NpuNative.npu_live_workers()).isEqualTo(before + 1);
        } finally {
            plan.close();
        }
        assertThat(NpuNative.npu_live_workers()).as("after close").isEqualTo(before);
        assertThat(osWorkerThreads()).as("threads named npu-worker after close").isEqualTo(osBefore);
    }

    @Test
    void aPlanWithWorkersMeasuresSplitRunsAgainstWholeOnesAndKeepsItsOutputs() {
        assumeThat(Runtime.getRuntime().availableProcessors()).isGreaterThan(1);
        Random r = new Random(47);
        TestGraph g = convAddPointwiseDepthwise(constants(r));
        Tensor x = NpuTesting.int8(X.shape(), 0.05f, -3, NpuTesting.randomBytes(r, PIXELS * CHANNELS));
        Tensor y2 = NpuTesting.int8(Y2.shape(), 0.07f, 5, NpuTesting.randomBytes(r, PIXELS * 16));
        byte[] expected = NpuTesting.bytes(NpuDelegateTest.reference(g, x, y2));
        try (NpuPlan plan =
                (NpuPlan) new NativeNpuProvider().delegate().orElseThrow().compile(g)) {
            // lower thresholds without forcing: the fused conv (1.2 M multiply-adds) splits by size
            for (int i = 0; i < 31; i++) {
                assertThat(NpuTesting.bytes(invoke(plan, x, y2, 2))).isEqualTo(expected);
            }
            assertThat(plan.splitDecisions())
                    .as("16 runs each way, not yet compared")
                    .isZero();
            assertThat(NpuTesting.bytes(invoke(plan, x, y2, 2))).isEqualTo(expected);
            assertThat(plan.splitDecisions()).isEqualTo(1);
        }
    }

    @Test
    void aPartitionWithoutAStepLargeEnoughToSplitStartsNoWorker() {
        Random r = new Random(46);
        TestGraph g = addDepthwiseBroadcastAdd(constants(r)); // every step far below the thresholds
        Tensor x = NpuTesting.int8(X.shape(), 0.05f, -3, NpuTesting.randomBytes(r, PIXELS * CHANNELS));
        Tensor y2 = NpuTesting.int8(Y2.shape(), 0.07f, 5, NpuTesting.randomBytes(r, PIXELS * 16));
        byte[] expected = NpuTesting.bytes(NpuDelegateTest.reference(g, x, y2));
        int before = NpuNative.npu_live_workers();
        try (NpuPlan plan =
                (NpuPlan) new NativeNpuProvider().delegate().orElseThrow().compile(g)) {
            assertThat(NpuTesting.bytes(invoke(plan, x, y2, 2))).isEqualTo(expected);
            assertThat(NpuNative.npu_live_workers()).isEqualTo(before);
        }
    }

    @Test
    @Timeout(60)
    void aFailingWorkerIsReportedAsAnErrorOfTheInvocationNotAHang() {
        assumeThat(Runtime.getRuntime().availableProcessors()).isGreaterThan(1);
        Random r = new Random(45);
        TestGraph g = convAddPointwiseDepthwise(constants(r));
        Tensor x = NpuTesting.int8(X.shape(), 0.05f, -3, NpuTesting.randomBytes(r, PIXELS * CHANNELS));
        Tensor y2 = NpuTesting.int8(Y2.shape(), 0.07f, 5, NpuTesting.randomBytes(r, PIXELS * 16));
        byte[] expected = NpuTesting.bytes(NpuDelegateTest.reference(g, x, y2));
        int before = NpuNative.npu_live_workers();
        try (NpuPlan plan =
                (NpuPlan) new NativeNpuProvider().delegate().orElseThrow().compile(g)) {
            plan.splitEveryStepForTest();
            invoke(plan, x, y2, 2);
            assertThat(plan.failNextWorkerChunkForTest()).isTrue();
            // the caller claims chunks too, so a run may finish before the worker takes one: the fault stays armed
            // until the worker runs a chunk, and that invocation fails
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 10_000; i++) {
                            invoke(plan, x, y2, 2);
                        }
                    })
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("worker thread failed in step")
                    .hasMessageContaining("injected worker fault");
            // the worker survives its failure: the next run is whole again
            assertThat(NpuTesting.bytes(invoke(plan, x, y2, 2))).isEqualTo(expected);
        }
        assertThat(NpuNative.npu_live_workers()).isEqualTo(before);
    }

    private static Tensor invoke(NpuPlan plan, Tensor x, Tensor y2, int threads) {
        Tensor out = Tensor.allocate(plan.outputTypes().get(0));
        plan.invoke(Invocation.of(
                Arrays.asList(x.asReadOnly(), y2.asReadOnly()),
                List.of(out),
                ByteBuffer.allocateDirect(plan.scratchBytes()),
                threads));
        return out;
    }

    /** Threads of this process the OS knows as npu-worker (the workers' name), or 0 where /proc is missing. */
    private static long osWorkerThreads() throws IOException {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        try (Stream<Path> all = Files.list(tasks)) {
            return all.filter(t -> {
                        try {
                            return Files.readString(t.resolve("comm")).strip().equals("npu-worker");
                        } catch (IOException gone) {
                            return false; // the thread ended while listed
                        }
                    })
                    .count();
        }
    }

    /**
     * conv 3x3 (x, 8 channels: the VNNI path's direct conv) → c → add(c, y2) → s (fused) → conv 1x1 to 24 channels
     * (1024 pixels: 16 im2col panels) → d → depthwise 3x3 (32x32: in place on VNNI) → z.
     */
    private static TestGraph convAddPointwiseDepthwise(Map<String, Tensor> constants) {
        List<ViewNode> nodes = List.of(
                new TestNode(
                        0,
                        "conv3",
                        OpId.of("Conv"),
                        13,
                        conv(0.3f, -6, 3, 1, 1, 1),
                        List.of("x", "w3", "b3"),
                        List.of("c")),
                new TestNode(1, "add", OpId.of("Add"), 13, quantized(0.1f, 2), List.of("c", "y2"), List.of("s")),
                new TestNode(
                        2,
                        "conv1",
                        OpId.of("Conv"),
                        13,
                        conv(0.2f, 4, 1, 0, 1, 1),
                        List.of("s", "w1", "b1"),
                        List.of("d")),
                new TestNode(
                        3,
                        "dw",
                        OpId.of("Conv"),
                        13,
                        conv(0.15f, -2, 3, 1, 1, 24),
                        List.of("d", "wd24"),
                        List.of("z")));
        return new TestGraph(nodes, constants, List.of("z"), Map.of(), X, Y2);
    }

    /**
     * add(x, x) → a (a same-shape Add: split along its one long row) → depthwise 3x3 stride 2 (16x16 outputs,
     * border-heavy: over a padded copy on VNNI) → e → conv 3x3 stride 2 over 8 channels → f → add(f, a 1x1x1x16
     * constant) (a broadcast: split along the pixels) → z.
     */
    private static TestGraph addDepthwiseBroadcastAdd(Map<String, Tensor> constants) {
        List<ViewNode> nodes = List.of(
                new TestNode(0, "add_xx", OpId.of("Add"), 13, quantized(0.09f, -1), List.of("x", "x"), List.of("a")),
                new TestNode(
                        1,
                        "dw2",
                        OpId.of("Conv"),
                        13,
                        conv(0.12f, 1, 3, 1, 2, CHANNELS),
                        List.of("a", "wd8"),
                        List.of("e")),
                new TestNode(
                        2,
                        "conv_s2",
                        OpId.of("Conv"),
                        13,
                        conv(0.25f, 3, 3, 1, 2, 1),
                        List.of("e", "w3", "b3"),
                        List.of("f")),
                new TestNode(3, "add_b", OpId.of("Add"), 13, quantized(0.11f, 0), List.of("f", "row"), List.of("z")));
        return new TestGraph(nodes, constants, List.of("z"), Map.of(), X, Y2);
    }

    private static Map<String, Tensor> constants(Random r) {
        Map<String, Tensor> c = new HashMap<>();
        c.put("w3", weights(r, 16, 3, CHANNELS));
        c.put("b3", biases(r, 16));
        c.put("w1", weights(r, 24, 1, 16));
        c.put("b1", biases(r, 24));
        c.put("wd24", weights(r, 24, 3, 1));
        c.put("wd8", weights(r, CHANNELS, 3, 1));
        c.put("row", NpuTesting.int8(Shape.of(1, 1, 1, 16), 0.04f, 7, NpuTesting.randomBytes(r, 16)));
        return c;
    }
}
