package dev.vela.runtime;

import static dev.vela.runtime.testing.Onnx.FLOAT;
import static dev.vela.runtime.testing.Onnx.model;
import static dev.vela.runtime.testing.Onnx.node;
import static dev.vela.runtime.testing.Onnx.valueInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.profile.NodeTypes;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionOutputSelectionTest {

    /** a = Relu(x), n = Neg(x), c = Add(a, n): outputs a and c; a needs one node, c all three. */
    private static Model twoOutputs() {
        Proto graph = Proto.message()
                .msg(1, node("relu", "Relu", new String[] {"x"}, new String[] {"a"}))
                .msg(1, node("neg", "Neg", new String[] {"x"}, new String[] {"n"}))
                .msg(1, node("add", "Add", new String[] {"a", "n"}, new String[] {"c"}))
                .str(2, "two")
                .msg(11, valueInfo("x", FLOAT, 1, 4))
                .msg(12, valueInfo("a", FLOAT, 1, 4))
                .msg(12, valueInfo("c", FLOAT, 1, 4));
        return Model.fromBytes("two.onnx", model(graph), Partitioner.of(KernelRegistry.reference()));
    }

    private static Map<String, Tensor> input() {
        return Map.of("x", Tensor.ofFloats(Shape.of(1, 4), -2, -1, 1, 2));
    }

    private static float[] floats(Tensor t) {
        float[] v = new float[t.elementCount()];
        t.floats().get(0, v);
        return v;
    }

    private static List<String> opsRun(Session s) {
        return s.nodeTypes().stream()
                .map(NodeTypes::node)
                .map(n -> n.op().toString())
                .toList();
    }

    @Test
    void onlyTheNodesTheSelectedOutputNeedsRunAndOnlyItIsReturned() {
        try (Session s = twoOutputs().newSession()) {
            Map<String, Tensor> out = s.run(input(), List.of("a"));

            assertThat(out).containsOnlyKeys("a");
            assertThat(floats(out.get("a"))).containsExactly(0, 0, 1, 2);
            assertThat(opsRun(s)).containsExactly("Relu");
        }
    }

    @Test
    void selectedOutputsComeInTheAskedOrderWithoutRepeats() {
        try (Session s = twoOutputs().newSession()) {
            Map<String, Tensor> out = s.run(input(), List.of("c", "a", "c"));

            assertThat(out.keySet()).containsExactly("c", "a");
            assertThat(floats(out.get("c"))).containsExactly(2, 1, 0, 0);
            assertThat(opsRun(s)).containsExactlyInAnyOrder("Relu", "Neg", "Add");
        }
    }

    @Test
    void partialAndFullRunsInOneSessionAgreeWhateverTheOrder() {
        try (Session s = twoOutputs().newSession()) {
            for (int round = 0; round < 3; round++) {
                assertThat(floats(s.run(input(), List.of("a")).get("a"))).containsExactly(0, 0, 1, 2);
                Map<String, Tensor> all = s.run(input());
                assertThat(all.keySet()).containsExactly("a", "c");
                assertThat(floats(all.get("c"))).containsExactly(2, 1, 0, 0);
                assertThat(floats(s.run(input(), List.of("c")).get("c"))).containsExactly(2, 1, 0, 0);
            }
        }
    }

    @Test
    void anUnknownOrEmptySelectionIsRefusedNamingTheOutputs() {
        try (Session s = twoOutputs().newSession()) {
            assertThatThrownBy(() -> s.run(input(), List.of("n")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("two.onnx: 'n' is not an output of the model; outputs are [a, c]");
            assertThatThrownBy(() -> s.run(input(), List.of()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no output selected");
        }
    }
}
