package dev.vela.runtime.partition;

import static dev.vela.runtime.plugin.PluginJars.certificate;
import static dev.vela.runtime.plugin.PluginJars.sign;
import static dev.vela.runtime.plugin.PluginJars.writeNextTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.error.NodeExecutionException;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.plugin.PluginJars;
import dev.vela.runtime.plugin.PluginJars.Spec;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.runtime.testing.Onnx;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.admission.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placement of y = Relu(x + b) when plugins offer Relu: which provider runs each node, and why not the others. */
class PartitionerTest {

    private static final String REF = dev.vela.reference.ReferenceProvider.ID;
    private static KeyPair key;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        key = PluginJars.newKey();
    }

    private Path plugin(Spec spec, String... certifiedClaims) throws Exception {
        Path jar = PluginJars.build(dir.resolve("plugins/" + spec.id() + ".jar"), dir, spec);
        writeNextTo(jar, sign(certificate(jar, List.of(spec.id()), certifiedClaims), key));
        return jar;
    }

    private Model addRelu(List<DeviceKind> prefer) {
        PluginSet set = new PluginLoader(TrustStore.of(List.of(key.getPublic())), false)
                .pluginsDirectory(dir.resolve("plugins"))
                .load();
        return Model.fromBytes("add_relu.onnx", Onnx.model(Onnx.addReluGraph()), Partitioner.of(set, prefer));
    }

    private static Map<String, Tensor> input(float... values) {
        return Map.of("x", Tensor.ofFloats(Shape.of(1, 3), values));
    }

    @Test
    void certifiedPluginRunsTheNodesItClaims() throws Exception {
        plugin(Spec.of("acme"), "Relu/float32/ANY");
        Model m = addRelu(List.of());
        int before = PluginJars.invocations("acme");
        try (Session s = m.newSession()) {
            assertThat(s.run(input(0, 0, -9)).get("y").toFloatArray()).containsExactly(1, 0, 0);
            List<NodePlacement> nodes = s.placement().nodes();
            assertThat(nodes).extracting(NodePlacement::provider).containsExactly(REF, "acme");
            assertThat(nodes.get(0).rejected()).containsExactly(new Rejection("acme", "no factory for Add"));
            assertThat(nodes.get(1).claim()).isEqualTo(KernelClaim.parse("Relu/float32/ANY"));
            assertThat(nodes.get(1).rejected()).containsExactly(new Rejection(REF, "fallback only; acme runs it"));
            assertThat(s.placement().toTable()).contains("Relu/float32/ANY", "acme", "acme: no factory for Add");
        }
        assertThat(PluginJars.invocations("acme")).isEqualTo(before + 1);
    }

    @Test
    void nodeTheFactoryDoesNotSupportFallsBackToTheReferenceWithTheReason() throws Exception {
        plugin(Spec.of("picky").refusing("only even batches"), "Relu/float32/ANY");
        try (Session s = addRelu(List.of()).newSession()) {
            assertThat(s.run(input(1, 1, 1)).get("y").toFloatArray()).containsExactly(2, 0, 4);
            NodePlacement relu = s.placement().nodes().get(1);
            assertThat(relu.provider()).isEqualTo(REF);
            assertThat(relu.rejected())
                    .containsExactly(new Rejection("picky", "supports() said no: only even batches"));
        }
    }

    @Test
    void claimWithoutCertificationIsNotUsed() throws Exception {
        plugin(Spec.of("half").alsoClaiming("INT8"), "Relu/int8/ANY");
        try (Session s = addRelu(List.of()).newSession()) {
            s.run(input(1, 1, 1));
            assertThat(s.placement().nodes().get(1).rejected())
                    .containsExactly(new Rejection("half", "not certified for Relu/float32/ANY"));
        }
    }

    @Test
    void priorityThenDevicePreferenceOrderTheProviders() throws Exception {
        plugin(Spec.of("npu").on("NPU", 5), "Relu/float32/ANY");
        plugin(Spec.of("cpu").on("CPU", 10), "Relu/float32/ANY");
        try (Session s = addRelu(List.of()).newSession()) {
            s.run(input(1, 1, 1));
            NodePlacement relu = s.placement().nodes().get(1);
            assertThat(relu.provider()).isEqualTo("cpu");
            assertThat(relu.rejected())
                    .containsExactly(
                            new Rejection("npu", "ranked below cpu"), new Rejection(REF, "fallback only; cpu runs it"));
        }
        Model preferNpu = addRelu(List.of(DeviceKind.NPU, DeviceKind.CPU));
        assertThat(preferNpu.partitioner().order()).containsExactly("npu", "cpu", REF);
        try (Session s = preferNpu.newSession()) {
            s.run(input(1, 1, 1));
            assertThat(s.placement().nodes().get(1).provider()).isEqualTo("npu");
        }
    }

    @Test
    void kernelThatThrowsFailsTheRunNamingNodeAndProviderAndTheSessionStaysUsable() throws Exception {
        plugin(Spec.of("acme"), "Relu/float32/ANY");
        try (Session s = addRelu(List.of()).newSession()) {
            assertThat(s.run(input(1, 2, 3)).get("y").toFloatArray()).containsExactly(2, 0, 6);
            // 41 + 1 = 42 reaches the plugin's Relu, which refuses it
            assertThatThrownBy(() -> s.run(input(41, 0, 0)))
                    .isInstanceOf(NodeExecutionException.class)
                    .hasMessageContaining("(Relu)")
                    .hasMessageContaining("provider 'acme'")
                    .hasMessageContaining("test kernel refuses 42");
            for (int i = 0; i < 3; i++) {
                assertThat(s.run(input(1, 2, 3)).get("y").toFloatArray()).containsExactly(2, 0, 6);
            }
        }
    }

    @Test
    void developmentModeWarningsReachThePartitioner() throws Exception {
        Path jar = PluginJars.build(dir.resolve("plugins/dev.jar"), dir, Spec.of("dev"));
        assertThat(Files.exists(jar)).isTrue();
        PluginSet set = new PluginLoader(TrustStore.empty(), true)
                .pluginsDirectory(dir.resolve("plugins"))
                .load();
        Partitioner p = Partitioner.of(set, List.of());
        assertThat(p.warnings()).singleElement().asString().contains("UNCERTIFIED", "'dev'");
        assertThat(p.order()).containsExactly("dev", REF);
    }

    @Test
    void operatorNoProviderImplementsIsRefusedAtLoad() {
        Partitioner onlyAdd = Partitioner.of(KernelRegistry.of(
                "adds",
                List.of(KernelRegistry.reference()
                        .find(dev.vela.spi.OpId.of("Add"))
                        .orElseThrow())));
        assertThatThrownBy(() -> Model.fromBytes("m.onnx", Onnx.model(Onnx.addReluGraph()), onlyAdd))
                .isInstanceOf(dev.vela.runtime.error.UnsupportedOperatorException.class)
                .hasMessageContaining("Relu")
                .hasMessageContaining("'adds'");
    }

    @Test
    void onlyReferenceKernelsWorkInPlace() throws Exception {
        // y = Relu(x + b) + x: the reference Relu may overwrite x + b (it dies there), a plugin's Relu may not
        byte[] model = Onnx.model(dev.vela.runtime.testing.Proto.message()
                .msg(1, Onnx.node("bias", "Add", new String[] {"x", "b"}, new String[] {"a"}))
                .msg(1, Onnx.node("relu", "Relu", new String[] {"a"}, new String[] {"r"}))
                .msg(1, Onnx.node("skip", "Add", new String[] {"r", "x"}, new String[] {"y"}))
                .msg(5, Onnx.floatTensor("b", new long[] {3}, 1f, -2f, 3f))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 3))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 1, 3)));
        try (Session s = Model.fromBytes("m.onnx", model, Partitioner.of(KernelRegistry.reference()))
                .newSession()) {
            s.run(input(1, 1, 1));
            assertThat(s.run(input(1, 1, 1)).get("y").toFloatArray()).containsExactly(3, 1, 5);
            assertThat(s.arena().orElseThrow().inPlace()).isEqualTo(1);
        }
        plugin(Spec.of("acme"), "Relu/float32/ANY");
        PluginSet set = new PluginLoader(TrustStore.of(List.of(key.getPublic())), false)
                .pluginsDirectory(dir.resolve("plugins"))
                .load();
        try (Session s =
                Model.fromBytes("m.onnx", model, Partitioner.of(set, List.of())).newSession()) {
            s.run(input(1, 1, 1));
            assertThat(s.run(input(1, 1, 1)).get("y").toFloatArray()).containsExactly(3, 1, 5);
            assertThat(s.placement().providerOf(1)).isEqualTo("acme");
            assertThat(s.arena().orElseThrow().inPlace()).isZero();
            assertThat(s.arena().orElseThrow().buffers()).isEqualTo(2);
        }
    }
}
