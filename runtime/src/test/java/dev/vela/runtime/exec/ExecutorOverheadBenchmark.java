package dev.vela.runtime.exec;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The executor's fixed cost per node: a chain of {@value #NODES} Relu nodes on an 8-element tensor, so the kernels
 * cost next to nothing and the time per node is mostly the executor's (gathering inputs, handing out arena views,
 * building the invocation). Run on demand, never in {@code mvn verify}; the command is in the runtime README.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExecutorOverheadBenchmark {

    static final int NODES = 100;

    @Param({"false", "true"})
    public boolean profiling;

    private Session session;
    private Map<String, Tensor> feed;

    @Setup
    public void setUp() {
        List<GraphNode> nodes = new ArrayList<>();
        String previous = "x";
        for (int i = 0; i < NODES; i++) {
            String out = i == NODES - 1 ? "y" : "v" + i;
            nodes.add(new GraphNode(
                    "relu" + i, OpId.of("Relu"), 17, Attributes.empty(), List.of(previous), List.of(out)));
            previous = out;
        }
        ValueSpec x = new ValueSpec("x", DataType.FLOAT32, new long[] {1, 8}, null);
        ValueSpec y = new ValueSpec("y", DataType.FLOAT32, new long[] {1, 8}, null);
        Graph graph = new Graph("relu_chain", List.of(x), List.of(y), Map.of(), Map.of(), nodes);
        session = Model.of("relu_chain", graph, Partitioner.of(KernelRegistry.reference()))
                .newSession()
                .withProfiling(profiling);
        feed = Map.of("x", Tensor.ofFloats(Shape.of(1, 8), 1, -2, 3, -4, 5, -6, 7, -8));
    }

    /** @return the output, so the run is not optimised away; the score is nanoseconds per node */
    @Benchmark
    @OperationsPerInvocation(NODES)
    public Object perNode() {
        return session.run(feed);
    }

    @TearDown
    public void tearDown() {
        session.close();
    }
}
