package dev.vela.runtime;

import static dev.vela.runtime.testing.Onnx.FLOAT;
import static dev.vela.runtime.testing.Onnx.intAttr;
import static dev.vela.runtime.testing.Onnx.model;
import static dev.vela.runtime.testing.Onnx.node;
import static dev.vela.runtime.testing.Onnx.valueInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.memory.ArenaFigures;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.profile.NodeTiming;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sessions with a planned arena: in-place chains, outputs apart from the arena, re-planning, threads, profiling. */
class SessionMemoryTest {

    private static final float[] B = {1, -2, 3};

    /**
     * y = Relu(Flatten(Relu(x + b))) + x with x float[N,3], b = {1, -2, 3}: the first Relu, Flatten and the second
     * Relu can all work in place.
     */
    private static Model chain() {
        Proto graph = Proto.message()
                .msg(1, node("bias", "Add", new String[] {"x", "b"}, new String[] {"a"}))
                .msg(1, node("relu", "Relu", new String[] {"a"}, new String[] {"r"}))
                .msg(1, node("flat", "Flatten", new String[] {"r"}, new String[] {"f"}, intAttr("axis", 1)))
                .msg(1, node("relu2", "Relu", new String[] {"f"}, new String[] {"s"}))
                .msg(1, node("add", "Add", new String[] {"s", "x"}, new String[] {"y"}))
                .str(2, "chain")
                .msg(5, dev.vela.runtime.testing.Onnx.floatTensor("b", new long[] {3}, B))
                .msg(11, valueInfo("x", FLOAT, "N", 3))
                .msg(12, valueInfo("y", FLOAT, "N", 3));
        return Model.fromBytes("chain.onnx", model(graph), Partitioner.of(KernelRegistry.reference()));
    }

    private static float[] expected(float... x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0f, x[i] + B[i % 3]) + x[i];
        }
        return y;
    }

    private static Map<String, Tensor> x(int rows, float... values) {
        return Map.of("x", Tensor.ofFloats(Shape.of(rows, 3), values));
    }

    @Test
    void inPlaceChainSharesOneBufferAndMatchesUnplannedRunsBitForBit() {
        Model m = chain();
        float[] in = {-1, 2, -3, 0.5f, -0.25f, 7};
        byte[] unplanned;
        try (Session plain = m.newSession().withMemoryPlanning(false)) {
            unplanned = plain.run(x(2, in)).get("y").toByteArray();
            assertThat(plain.arena()).isEmpty();
        }
        try (Session s = m.newSession()) {
            assertThat(s.arena()).isEmpty();
            for (int i = 0; i < 3; i++) {
                Tensor y = s.run(x(2, in)).get("y");
                assertThat(y.toByteArray()).isEqualTo(unplanned);
                assertThat(y.toFloatArray()).containsExactly(expected(in), org.assertj.core.data.Offset.offset(1e-6f));
            }
            ArenaFigures a = s.arena().orElseThrow();
            // a, r, f, s share one 24-byte buffer; y is a graph output, apart from the arena
            assertThat(a.inPlace()).isEqualTo(3);
            assertThat(a.buffers()).isEqualTo(1);
            assertThat(a.arenaBytes()).isEqualTo(24);
            assertThat(a.lowerBoundBytes()).isEqualTo(24);
        }
        try (Session noInPlace = m.newSession().withInPlace(false)) {
            noInPlace.run(x(2, in));
            assertThat(noInPlace.run(x(2, in)).get("y").toByteArray()).isEqualTo(unplanned);
            ArenaFigures a = noInPlace.arena().orElseThrow();
            assertThat(a.inPlace()).isZero();
            assertThat(a.buffers()).isEqualTo(4);
            // two of the 24-byte tensors are live at each step; the second sits at the next 64-byte boundary
            assertThat(a.lowerBoundBytes()).isEqualTo(48);
            assertThat(a.arenaBytes()).isEqualTo(88);
        }
    }

    @Test
    void resultsDoNotShareMemoryWithTheArena() {
        try (Session s = chain().newSession()) {
            s.run(x(1, 1, 2, 3));
            Tensor first = s.run(x(1, -1, -2, -3)).get("y");
            byte[] kept = first.toByteArray();
            s.run(x(1, 5, 6, 7));
            s.run(x(1, -5, -6, -7));
            assertThat(first.toByteArray()).isEqualTo(kept);
            assertThat(first.toFloatArray())
                    .containsExactly(expected(-1, -2, -3), org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void newInputShapesArePlannedAgain() {
        try (Session s = chain().newSession()) {
            s.run(x(2, 1, 2, 3, 4, 5, 6));
            assertThat(s.arena().orElseThrow().arenaBytes()).isEqualTo(24);
            Tensor y = s.run(x(4, new float[12])).get("y");
            assertThat(y.toFloatArray()).containsExactly(1, 0, 3, 1, 0, 3, 1, 0, 3, 1, 0, 3);
            assertThat(s.arena().orElseThrow().arenaBytes()).isEqualTo(48);
            assertThat(s.run(x(4, new float[12])).get("y").toFloatArray())
                    .containsExactly(1, 0, 3, 1, 0, 3, 1, 0, 3, 1, 0, 3);
            assertThat(s.run(x(2, -1, 2, -3, 0.5f, -0.25f, 7)).get("y").toFloatArray())
                    .containsExactly(expected(-1, 2, -3, 0.5f, -0.25f, 7), org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void twoSessionsOnOneModelRunConcurrentlyWithCorrectResults() throws Exception {
        Model m = chain();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            final int seed = t;
            Thread th = new Thread(() -> {
                try (Session s = m.newSession()) {
                    for (int i = 0; i < 300; i++) {
                        // alternate batch sizes so both sessions keep re-planning and reusing their arenas
                        int rows = 1 + (i + seed) % 3;
                        float[] in = new float[rows * 3];
                        for (int k = 0; k < in.length; k++) {
                            in[k] = (seed * 1000 + i * 7 + k) % 13 - 6;
                        }
                        float[] y = s.run(x(rows, in)).get("y").toFloatArray();
                        assertThat(y).containsExactly(expected(in), org.assertj.core.data.Offset.offset(1e-6f));
                        runs.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(failures).isEmpty();
        assertThat(runs.get()).isEqualTo(600);
    }

    @Test
    void profilingRecordsEveryNodeWithItsProvider() {
        try (Session s = chain().newSession()) {
            s.run(x(1, 1, 2, 3));
            assertThat(s.lastProfile()).isEmpty();
            s.withProfiling(true).run(x(1, 1, 2, 3));
            List<NodeTiming> profile = s.lastProfile();
            assertThat(profile).extracting(NodeTiming::node).containsExactly("bias", "relu", "flat", "relu2", "add");
            assertThat(profile).extracting(NodeTiming::op).containsExactly("Add", "Relu", "Flatten", "Relu", "Add");
            assertThat(profile).extracting(NodeTiming::provider).containsOnly(dev.vela.reference.ReferenceProvider.ID);
            assertThat(profile).allSatisfy(t -> assertThat(t.nanos()).isPositive());
        }
    }

    /** A kernel that copies its input and records the thread count and scratch it was given. */
    private static final class Probe implements KernelFactory {
        final List<Integer> threads = new CopyOnWriteArrayList<>();
        final List<Integer> scratch = new CopyOnWriteArrayList<>();

        @Override
        public OpId op() {
            return OpId.of("Probe");
        }

        @Override
        public Set<KernelClaim> claims() {
            return Set.of(KernelClaim.of(op(), DataType.FLOAT32));
        }

        @Override
        public Support supports(Node node) {
            return Support.yes();
        }

        @Override
        public Kernel prepare(Node node) {
            TensorType t = node.inputType(0);
            return new Kernel() {
                @Override
                public List<TensorType> outputTypes() {
                    return List.of(t);
                }

                @Override
                public int scratchBytes() {
                    return 100;
                }

                @Override
                public void invoke(Invocation inv) {
                    threads.add(inv.threads());
                    scratch.add(inv.scratch().remaining());
                    inv.scratch().put(0, (byte) 7); // scratch is writable
                    inv.output(0).copyFrom(inv.input(0));
                }
            };
        }
    }

    private static Model probeModel(Probe probe) {
        Proto graph = Proto.message()
                .msg(1, node("p1", "Probe", new String[] {"x"}, new String[] {"a"}))
                .msg(1, node("p2", "Probe", new String[] {"a"}, new String[] {"y"}))
                .msg(11, valueInfo("x", FLOAT, 3))
                .msg(12, valueInfo("y", FLOAT, 3));
        return Model.fromBytes("probe.onnx", model(graph), Partitioner.of(KernelRegistry.of("probe", List.of(probe))));
    }

    @Test
    void threadCountAndScratchReachTheKernel() {
        Probe probe = new Probe();
        try (Session s = probeModel(probe).newSession().withThreads(4)) {
            for (int i = 0; i < 2; i++) {
                assertThat(s.run(Map.of("x", Tensor.ofFloats(Shape.of(3), 1, 2, 3)))
                                .get("y")
                                .toFloatArray())
                        .containsExactly(1, 2, 3);
            }
            // scratch of both nodes comes from the arena once planned: 12-byte tensor a, two 100-byte scratches
            ArenaFigures a = s.arena().orElseThrow();
            assertThat(a.buffers()).isEqualTo(3);
            assertThat(a.lowerBoundBytes()).isEqualTo(112);
        }
        assertThat(probe.threads).containsOnly(4).hasSize(4);
        assertThat(probe.scratch).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(100));
        try (Session s = probeModel(probe).newSession()) {
            assertThatThrownBy(() -> s.withThreads(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 1");
        }
    }

    /** Repeats x[0] count times, count being a run-time value: the output size depends on an input's value. */
    private static final class RepeatFirst implements KernelFactory {
        @Override
        public OpId op() {
            return OpId.of("RepeatFirst");
        }

        @Override
        public Set<KernelClaim> claims() {
            return Set.of(KernelClaim.of(op(), DataType.FLOAT32));
        }

        @Override
        public Support supports(Node node) {
            return Support.yes();
        }

        @Override
        public Set<Integer> valueInputs(Node node) {
            return Set.of(1);
        }

        @Override
        public Kernel prepare(Node node) {
            int count = (int) node.inputValue(1).orElseThrow().getLong(0);
            TensorType out = TensorType.of(DataType.FLOAT32, count);
            return new Kernel() {
                @Override
                public List<TensorType> outputTypes() {
                    return List.of(out);
                }

                @Override
                public void invoke(Invocation inv) {
                    float v = inv.input(0).floats().get(0);
                    for (int i = 0; i < count; i++) {
                        inv.output(0).floats().put(i, v);
                    }
                }
            };
        }
    }

    @Test
    void sizesThatDependOnInputValuesFallBackAndArePlannedAgain() {
        Proto graph = Proto.message()
                .msg(1, node("rep", "RepeatFirst", new String[] {"x", "c"}, new String[] {"r"}))
                .msg(1, node("relu", "Relu", new String[] {"r"}, new String[] {"y"}))
                .msg(11, valueInfo("x", FLOAT, 1))
                .msg(11, valueInfo("c", dev.vela.runtime.testing.Onnx.INT64))
                .msg(12, valueInfo("y", FLOAT, "M"));
        Model m = Model.fromBytes(
                "repeat.onnx",
                model(graph),
                Partitioner.of(KernelRegistry.reference().with(List.of(new RepeatFirst()))));
        try (Session s = m.newSession()) {
            int[] counts = {2, 2, 3, 3, 2, 5};
            for (int count : counts) {
                float[] y = s.run(Map.of(
                                "x",
                                Tensor.ofFloats(Shape.of(1), 2.5f),
                                "c",
                                Tensor.ofLongs(Shape.of(new int[0]), count)))
                        .get("y")
                        .toFloatArray();
                assertThat(y).hasSize(count).containsOnly(2.5f);
                // the arena always follows the sizes of the last run
                assertThat(s.arena().orElseThrow().arenaBytes()).isEqualTo(4L * count);
            }
        }
    }
}
