package dev.vela.reference.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every single-node case of the ONNX backend node suite whose operator this package
 * implements, straight against the reference factories, and compares with ONNX's expected
 * outputs (ONNX's tolerance: rtol 1e-3, atol 1e-7; NaN where NaN is expected). Needs the external
 * data ({@code -Dvela.data=<dir>} holding {@code onnx/node}); skipped with one message otherwise.
 */
class OnnxNodeSuiteTest {

    private static final Map<String, KernelFactory> FACTORIES =
            NnOps.all().stream().collect(Collectors.toMap(f -> f.op().name(), Function.identity()));

    @TestFactory
    Stream<DynamicTest> nodeSuite() throws IOException {
        String data = System.getProperty("vela.data", "");
        Path suite = Path.of(data, "onnx", "node");
        assumeTrue(!data.isEmpty() && Files.isDirectory(suite),
                "ONNX node suite not found under vela.data='" + data + "'; skipping the suite comparison");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> cases = Files.list(suite)) {
            for (Path dir : cases.sorted().toList()) {
                Path model = dir.resolve("model.onnx");
                if (dir.getFileName().toString().contains("_expanded") || !Files.exists(model)) {
                    continue;
                }
                OnnxProto.NodeDef def;
                try {
                    def = OnnxProto.model(Files.readAllBytes(model));
                } catch (RuntimeException e) {
                    if (System.getProperty("vela.debug") != null) { e.printStackTrace(); }
                    continue; // not a single node (function-expanded graphs) or types this reader does not know
                }
                KernelFactory factory = FACTORIES.get(def.opType());
                if (factory != null) {
                    tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir, def, factory)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(Path dir, OnnxProto.NodeDef def, KernelFactory factory) throws IOException {
        Map<String, Tensor> values = new java.util.HashMap<>();
        for (OnnxProto.Named init : def.initializers()) {
            values.put(init.name(), init.tensor());
        }
        Path set = dir.resolve("test_data_set_0");
        int k = 0;
        for (String name : def.graphInputs()) {
            if (!values.containsKey(name)) {
                values.put(name, read(set.resolve("input_" + k++ + ".pb")));
            }
        }
        Node.Builder b = Node.builder(def.opType()).name(def.name()).opset(def.opset()).outputs(def.outputs().size());
        b.attributes().putAll(def.attributes());
        Node typesOnly = build(def, b, values, Set.of());
        Set<Integer> valueInputs = factory.valueInputs(typesOnly);
        b = Node.builder(def.opType()).name(def.name()).opset(def.opset()).outputs(def.outputs().size());
        b.attributes().putAll(def.attributes());
        Node node = build(def, b, values, valueInputs);
        Tensor[] inputs = new Tensor[def.inputs().size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = def.inputs().get(i).isEmpty() ? null : values.get(def.inputs().get(i));
        }
        List<Tensor> outputs = ReferenceTesting.run(factory, node, inputs);
        for (int i = 0; i < def.outputs().size(); i++) {
            if (def.outputs().get(i).isEmpty()) {
                continue;
            }
            Tensor expected = read(set.resolve("output_" + i + ".pb"));
            Tensor actual = outputs.get(i);
            assertThat(actual.shape()).as("output %d shape", i).isEqualTo(expected.shape());
            assertThat(actual.dataType()).as("output %d type", i).isEqualTo(expected.dataType());
            for (int e = 0; e < expected.elementCount(); e++) {
                double want = expected.getDouble(e);
                double got = actual.getDouble(e);
                if (Double.isNaN(want)) {
                    assertThat(got).as("output %d element %d", i, e).isNaN();
                } else {
                    assertThat(Math.abs(got - want)).as("output %d element %d: %s vs expected %s", i, e, got, want)
                            .isLessThanOrEqualTo(1e-7 + 1e-3 * Math.abs(want));
                }
            }
        }
    }

    private static Node build(OnnxProto.NodeDef def, Node.Builder b, Map<String, Tensor> values, Set<Integer> valueInputs) {
        Set<String> initNames = def.initializers().stream().map(OnnxProto.Named::name).collect(Collectors.toSet());
        for (int i = 0; i < def.inputs().size(); i++) {
            String name = def.inputs().get(i);
            if (name.isEmpty()) {
                b.absentInput();
            } else if (initNames.contains(name) || valueInputs.contains(i)) {
                b.constantInput(values.get(name));
            } else {
                b.input(values.get(name).type());
            }
        }
        return b.build();
    }

    private static Tensor read(Path pb) {
        try {
            return OnnxProto.tensor(Files.readAllBytes(pb)).tensor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
