package dev.vela.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Attributes;
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
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a session allocates per run once it is in the steady state (same input tensors and shapes as the run before),
 * measured with the JVM's per-thread allocation counter. The kernels are a test operator that allocates nothing
 * itself (it keeps its buffers by tensor identity, as the native samples do), so what is counted is the runtime's:
 * session, executor, node runners, invocation objects. With output reuse a run allocates no object at all; by
 * default only the copy of the result the caller owns (and the map it comes in).
 */
class SteadyStateAllocationTest {

    private static final int NODES = 8;
    private static final int ELEMENTS = 64;
    private static final int RUNS = 10_000;

    @Test
    void steadyStateRunsWithReusedOutputsAllocateNothing() {
        try (Session session = chain().newSession().withOutputsReused(true)) {
            Map<String, Tensor> feed = Map.of("x", input(1));
            long bytes = allocatedOverRuns(session, feed);
            // one object per run would be at least 16 bytes x 10,000 runs; allow only what a JIT event may cost once
            assertThat(bytes)
                    .as("bytes allocated by %d steady-state runs", RUNS)
                    .isLessThan(1024);
        }
    }

    /**
     * A Flatten between two kernels runs on the reference; the plan puts its output on its input's bytes, so the
     * steady state publishes it without calling its kernel. The values must still flow through it, run after run.
     */
    @Test
    void viewNodesOnTheirInputsBytesPassNewValuesOn() {
        try (Session session = chain(true).newSession().withOutputsReused(true)) {
            Tensor x = input(1);
            Map<String, Tensor> feed = Map.of("x", x);
            for (int i = 0; i < 5; i++) {
                assertThat(session.run(feed).get("y").floats().get(0)).isEqualTo(1f * (1 << NODES));
            }
            assertThat(session.arena().orElseThrow().inPlace()).isEqualTo(1);
            for (int v = 2; v < 6; v++) {
                x.bytes().asFloatBuffer().put(0, v);
                assertThat(session.run(feed).get("y").floats().get(0)).isEqualTo(v * (float) (1 << NODES));
            }
        }
    }

    @Test
    void defaultRunsAllocateOnlyTheCallersCopyOfTheResult() {
        try (Session session = chain().newSession()) {
            Map<String, Tensor> feed = Map.of("x", input(1));
            double perRun = (double) allocatedOverRuns(session, feed) / RUNS;
            int resultBytes = ELEMENTS * Float.BYTES;
            // the copy itself, plus its tensor, buffer views and the result map: a few hundred bytes, never a
            // per-node cost (8 nodes x their arrays and invocations would exceed it)
            assertThat(perRun).isGreaterThanOrEqualTo(resultBytes).isLessThan(resultBytes + 512);
        }
    }

    @Test
    void theSteadyStateReadsNewInputValuesAndTakesNewShapes() {
        try (Session session = chain().newSession()) {
            Tensor x = input(1);
            Map<String, Tensor> feed = Map.of("x", x);
            for (int i = 0; i < 5; i++) {
                session.run(feed);
            }
            // same tensor, new contents: the steady path must read them
            x.bytes().asFloatBuffer().put(0, 3f);
            assertThat(session.run(feed).get("y").floats().get(0)).isEqualTo(3f * (1 << NODES));
            // a new shape leaves the steady state and computes on the new tensor
            Tensor wide = Tensor.ofFloats(Shape.of(1, 2 * ELEMENTS), new float[2 * ELEMENTS]);
            wide.bytes().asFloatBuffer().put(2 * ELEMENTS - 1, 1f);
            Tensor y = session.run(Map.of("x", wide)).get("y");
            assertThat(y.shape()).isEqualTo(Shape.of(1, 2 * ELEMENTS));
            assertThat(y.floats().get(2 * ELEMENTS - 1)).isEqualTo(1f * (1 << NODES));
            assertThat(session.run(feed).get("y").floats().get(0)).isEqualTo(3f * (1 << NODES));
        }
    }

    @Test
    void reusedOutputsAreOverwrittenByTheNextRunCopiesAreNot() {
        try (Session reusing = chain().newSession().withOutputsReused(true);
                Session copying = chain().newSession()) {
            Tensor x = input(1);
            Map<String, Tensor> feed = Map.of("x", x);
            for (int i = 0; i < 3; i++) {
                reusing.run(feed);
                copying.run(feed);
            }
            Tensor view = reusing.run(feed).get("y");
            Tensor copy = copying.run(feed).get("y");
            assertThat(view.isReadOnly()).isTrue();
            x.bytes().asFloatBuffer().put(0, 2f);
            reusing.run(feed);
            copying.run(feed);
            assertThat(view.floats().get(0)).isEqualTo(2f * (1 << NODES));
            assertThat(copy.floats().get(0)).isEqualTo(1f * (1 << NODES));
        }
    }

    private static long allocatedOverRuns(Session session, Map<String, Tensor> feed) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 200; i++) {
            session.run(feed); // plans the arena, then records the steady state
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < RUNS; i++) {
            session.run(feed);
        }
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    private static Tensor input(float first) {
        float[] values = new float[ELEMENTS];
        values[0] = first;
        return Tensor.ofFloats(Shape.of(1, ELEMENTS), values);
    }

    private static Model chain() {
        return chain(false);
    }

    /** x -> Twice -> ... -> Twice -> y, NODES nodes on the test operator, with a Flatten in the middle if asked. */
    private static Model chain(boolean flatten) {
        List<GraphNode> nodes = new ArrayList<>();
        String previous = "x";
        for (int i = 0; i < NODES; i++) {
            String out = i == NODES - 1 ? "y" : "v" + i;
            nodes.add(new GraphNode(
                    "twice" + i, OpId.of("Twice"), 1, Attributes.empty(), List.of(previous), List.of(out)));
            previous = out;
            if (flatten && i == NODES / 2) {
                nodes.add(new GraphNode(
                        "flatten", OpId.of("Flatten"), 13, Attributes.empty(), List.of(out), List.of("flat")));
                previous = "flat";
            }
        }
        ValueSpec x = new ValueSpec("x", DataType.FLOAT32, new long[] {1, ValueSpec.UNKNOWN}, null);
        ValueSpec y = new ValueSpec("y", DataType.FLOAT32, new long[] {1, ValueSpec.UNKNOWN}, null);
        Graph graph = new Graph("twice_chain", List.of(x), List.of(y), Map.of(), Map.of(), nodes);
        return Model.of(
                "twice_chain", graph, Partitioner.of(KernelRegistry.reference().with(List.of(new Twice()))));
    }

    /** Doubles a float32 tensor, through its scratch, keeping its buffer views by tensor identity. */
    private static final class Twice implements KernelFactory {
        @Override
        public OpId op() {
            return OpId.of("Twice");
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
            TensorType type = node.inputType(0);
            List<TensorType> outputTypes = List.of(type);
            return new Kernel() {
                private Tensor in;
                private Tensor out;
                private FloatBuffer x;
                private FloatBuffer y;

                @Override
                public List<TensorType> outputTypes() {
                    return outputTypes;
                }

                @Override
                public int scratchBytes() {
                    return Float.BYTES;
                }

                @Override
                public void invoke(Invocation inv) {
                    if (inv.input(0) != in) {
                        in = inv.input(0);
                        x = in.floats();
                    }
                    if (inv.output(0) != out) {
                        out = inv.output(0);
                        y = out.floats();
                    }
                    ByteBuffer scratch = inv.scratch();
                    for (int i = 0; i < type.elementCount(); i++) {
                        scratch.putFloat(0, x.get(i));
                        y.put(i, 2 * scratch.getFloat(0));
                    }
                }
            };
        }
    }
}
