package dev.vela.runtime.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.error.NodeExecutionException;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.partition.NodePlacement;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.runtime.testing.Onnx;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderDiscovery;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An ONNX model with a node in a custom domain ({@code com.acme:Scale}) runs on a plugin that defines the operator,
 * on the plugin's own certified kernel or on the definition's reference; without the plugin it is refused at load
 * naming the operator; a node that breaks the definition's schema, or a definition whose inference throws, is named.
 */
class CustomOperatorRunTest {

    /** y = Scale(x, factor=2, shift=1) with x float[2,3], the com.acme domain imported at {@code acmeOpset}. */
    static byte[] scaleModel(int acmeOpset, boolean withFactor) {
        Proto node = Onnx.node("scale", "Scale", new String[] {"x"}, new String[] {"y"})
                .str(7, "com.acme");
        if (withFactor) {
            node.msg(5, Proto.message().str(1, "factor").f32(2, 2f).i64(20, 1));
        }
        node.msg(5, Proto.message().str(1, "shift").f32(2, 1f).i64(20, 1));
        Proto graph = Proto.message()
                .msg(1, node)
                .str(2, "scale")
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 2, 3))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 2, 3));
        return Proto.message()
                .i64(1, 8)
                .msg(8, Proto.message().str(1, "").i64(2, 17))
                .msg(8, Proto.message().str(1, "com.acme").i64(2, acmeOpset))
                .msg(7, graph)
                .toBytes();
    }

    private static Partitioner partitioner(OperatorProvider plugin, Set<KernelClaim> certified) {
        List<AdmittedProvider> admitted = new ArrayList<>();
        for (OperatorProvider p : ProviderDiscovery.discover(CustomOperatorRunTest.class.getClassLoader())) {
            if (p.info().id().equals(dev.vela.reference.ReferenceProvider.ID)) {
                admitted.add(new AdmittedProvider(p, "class path", Set.of(), false));
            }
        }
        if (plugin != null) {
            admitted.add(new AdmittedProvider(plugin, "acme-dsp.jar", certified, true));
        }
        return Partitioner.of(new PluginSet(admitted, List.of(), List.of(), false), List.of());
    }

    private static float[] run(Model model) {
        try (Session s = model.newSession()) {
            Tensor y = s.run(Map.of("x", Tensor.ofFloats(Shape.of(2, 3), 0, 1, 2, -1, -2, 0.5f)))
                    .get("y");
            return y.toFloatArray();
        }
    }

    @Test
    void runsOnTheDefinitionsReferenceWhenThePluginHasNoCertifiedKernel() {
        int before = ScaleOperator.REFERENCE_RUNS.get();
        Model model = Model.fromBytes(
                "scale.onnx",
                scaleModel(1, true),
                partitioner(ScaleOperator.provider(ScaleOperator.definition(), null), Set.of()));
        assertThat(model.graph().nodes().get(0).op()).isEqualTo(ScaleOperator.SCALE);
        assertThat(model.graph().nodes().get(0).opsetVersion()).isEqualTo(1);
        try (Session s = model.newSession()) {
            Tensor y = s.run(Map.of("x", Tensor.ofFloats(Shape.of(2, 3), 0, 1, 2, -1, -2, 0.5f)))
                    .get("y");
            assertThat(y.toFloatArray()).containsExactly(1, 3, 5, -1, -3, 2);
            NodePlacement p = s.placement().nodes().get(0);
            assertThat(p.provider()).isEqualTo("acme-dsp/reference");
            assertThat(p.definedBy()).startsWith("com.acme:Scale v1 by acme-dsp, schema ");
            assertThat(s.placement().toTable()).contains("acme-dsp/reference (defined: com.acme:Scale v1 by acme-dsp");
        }
        assertThat(ScaleOperator.REFERENCE_RUNS.get()).isEqualTo(before + 1);
    }

    @Test
    void runsOnThePluginsCertifiedKernel() {
        AtomicInteger kernelRuns = new AtomicInteger();
        Model model = Model.fromBytes(
                "scale.onnx",
                scaleModel(1, true),
                partitioner(
                        ScaleOperator.provider(ScaleOperator.definition(), kernelRuns),
                        Set.of(KernelClaim.of(ScaleOperator.SCALE, DataType.FLOAT32))));
        assertThat(run(model)).containsExactly(1, 3, 5, -1, -3, 2);
        assertThat(kernelRuns.get()).isEqualTo(1);
        try (Session s = model.newSession()) {
            s.run(Map.of("x", Tensor.ofFloats(Shape.of(2, 3), 0, 1, 2, -1, -2, 0.5f)));
            assertThat(s.placement().nodes().get(0).provider()).isEqualTo("acme-dsp");
        }
    }

    @Test
    void aVelaPackageKeepsTheCustomNodeAndRecordsTheDefinitionItNeeds(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Partitioner withPlugin = partitioner(ScaleOperator.provider(ScaleOperator.definition(), null), Set.of());
        Model onnx = Model.fromBytes("scale.onnx", scaleModel(1, true), withPlugin);
        java.nio.file.Path file = dir.resolve("scale.vela");
        dev.vela.runtime.pack.PackageWriter.write(
                file, onnx.graph(), dev.vela.runtime.pack.PackageMetadata.of("test", "scale.onnx", "00".repeat(32)));
        dev.vela.runtime.pack.VelaPackage pkg = dev.vela.runtime.pack.PackageReader.read(file);
        assertThat(pkg.metadata().properties())
                .containsEntry(dev.vela.runtime.pack.RequiredDefinitions.KEY, "com.acme:Scale@1");
        assertThat(pkg.graph().nodes().get(0).op()).isEqualTo(ScaleOperator.SCALE);
        assertThat(pkg.graph().nodes().get(0).attributes().getFloat("factor")).isEqualTo(2f);
        assertThat(run(Model.load(file, withPlugin))).containsExactly(1, 3, 5, -1, -3, 2);
        assertThatThrownBy(() -> Model.load(file, partitioner(null, Set.of())))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("com.acme:Scale");
    }

    @Test
    void withoutThePluginTheModelIsRefusedAtLoadNamingTheOperator() {
        assertThatThrownBy(() -> Model.fromBytes("scale.onnx", scaleModel(1, true), partitioner(null, Set.of())))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("scale.onnx: node 'scale' (com.acme:Scale)")
                .hasMessageContaining("custom operator com.acme:Scale is defined by no admitted provider")
                .hasMessageContaining("load a plugin that defines it");
        assertThatThrownBy(() ->
                        Model.fromBytes("scale.onnx", scaleModel(1, true), Partitioner.of(KernelRegistry.reference())))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("load a plugin");
    }

    @Test
    void aModelImportingAnOlderOpsetThanAnyDefinitionIsRefusedAtLoad() {
        OperatorDefinition v2 = ScaleOperator.definition(2, node -> List.of(node.inputType(0)));
        assertThatThrownBy(() -> Model.fromBytes(
                        "scale.onnx", scaleModel(1, true), partitioner(ScaleOperator.provider(v2, null), Set.of())))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("operator com.acme:Scale at opset version 1 has no definition")
                .hasMessageContaining("versions [2 (acme-dsp)]");
    }

    @Test
    void aNodeThatBreaksTheSchemaIsNamedWithTheDefinition() {
        Model model = Model.fromBytes(
                "scale.onnx",
                scaleModel(1, false),
                partitioner(ScaleOperator.provider(ScaleOperator.definition(), null), Set.of()));
        assertThatThrownBy(() -> run(model))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("node 'scale' (com.acme:Scale)")
                .hasMessageContaining("does not satisfy the definition com.acme:Scale v1")
                .hasMessageContaining("required attribute 'factor' (FLOAT) is missing");
    }

    @Test
    void aDefinitionWhoseInferenceThrowsIsNamedNotACrash() {
        OperatorDefinition broken = ScaleOperator.definition(1, node -> {
            throw new IllegalStateException("bug in the vendor's inference");
        });
        Model model = Model.fromBytes(
                "scale.onnx", scaleModel(1, true), partitioner(ScaleOperator.provider(broken, null), Set.of()));
        assertThatThrownBy(() -> run(model))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("node 'scale' (com.acme:Scale)")
                .hasMessageContaining(
                        "the inference of definition com.acme:Scale v1 failed: IllegalStateException: bug in"
                                + " the vendor's inference");
    }
}
