package dev.vela.runtime.passes;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.vela.spi.TensorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builders for small graphs and the check every pass test makes: same outputs on seeded random inputs. */
final class PassTesting {

    private PassTesting() {}

    static GraphNode node(String name, String op, Attributes attrs, List<String> in, List<String> out) {
        return new GraphNode(name, OpId.of(op), 17, attrs, in, out);
    }

    static GraphNode node(String name, String op, List<String> in, List<String> out) {
        return node(name, op, Attributes.empty(), in, out);
    }

    static ValueSpec f32(String name, long... dims) {
        return new ValueSpec(name, DataType.FLOAT32, dims, null);
    }

    static Tensor random(Random r, int... dims) {
        Tensor t = Tensor.allocate(TensorType.of(DataType.FLOAT32, Shape.of(dims)));
        for (int i = 0; i < t.elementCount(); i++) {
            t.setDouble(i, 2 * r.nextDouble() - 1);
        }
        return t;
    }

    static Map<String, Tensor> run(Graph g, Map<String, Tensor> inputs) {
        try (Session s =
                Model.of("test", g, Partitioner.of(KernelRegistry.reference())).newSession()) {
            return s.run(inputs);
        }
    }

    /** Random inputs of each graph input's declared (fixed) shape. */
    static Map<String, Tensor> inputsFor(Graph g, long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (ValueSpec v : g.inputs()) {
            int[] dims = new int[v.rank()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = (int) v.dim(i);
            }
            inputs.put(v.name(), random(r, dims));
        }
        return inputs;
    }

    /** Both graphs give the same outputs (float32 policy: atol 1e-5, rtol 1e-4) on three seeded random inputs. */
    static void assertSameOutputs(Graph before, Graph after) {
        for (long seed = 1; seed <= 3; seed++) {
            Map<String, Tensor> inputs = inputsFor(before, seed);
            Map<String, Tensor> expected = run(before, inputs);
            Map<String, Tensor> actual = run(after, inputs);
            assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
            expected.forEach((name, e) -> {
                Tensor a = actual.get(name);
                assertThat(a.shape()).as("shape of %s", name).isEqualTo(e.shape());
                for (int i = 0; i < e.elementCount(); i++) {
                    double ev = e.getDouble(i);
                    assertThat(a.getDouble(i))
                            .as("%s[%d]", name, i)
                            .isCloseTo(ev, org.assertj.core.data.Offset.offset(1e-5 + 1e-4 * Math.abs(ev)));
                }
            });
        }
    }

    static List<String> ops(Graph g) {
        return g.nodes().stream().map(n -> n.op().name()).toList();
    }
}
