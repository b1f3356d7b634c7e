package dev.vela.runtime.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.convert.Conversion;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.pack.PackageReader;
import dev.vela.runtime.pack.RequiredDefinitions;
import dev.vela.runtime.pack.VelaPackage;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Pass;
import dev.vela.runtime.passes.Passes;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.runtime.quantize.CalibrationMethod;
import dev.vela.runtime.quantize.QuantizationPass;
import dev.vela.runtime.testing.Onnx;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.DataType;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderDiscovery;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vela convert} on a graph with a custom-domain node: y = Scale(Gemm(x, W, transB=1), factor=2, shift=0.5). The
 * package keeps the custom node (domain, name, opset version, attributes) and records the definition it follows
 * with its schema hash; both quantization modes quantize the Gemm and leave the custom node as it is, saying so; a
 * plugin defining the operator with another schema is refused at load.
 */
class CustomNodesConversionTest {
    @TempDir
    Path dir;

    private static final float[] W = {0.5f, -1f, 0.25f, 2f, 0.75f, -0.5f, 1.5f, 0.1f, -0.3f, 0.9f, 0.2f, -1.2f};

    static byte[] matMulScaleModel() {
        Proto scale = Onnx.node("scale", "Scale", new String[] {"t"}, new String[] {"y"})
                .str(7, "com.acme");
        scale.msg(5, Proto.message().str(1, "factor").f32(2, 2f).i64(20, 1));
        scale.msg(5, Proto.message().str(1, "shift").f32(2, 0.5f).i64(20, 1));
        Proto graph = Proto.message()
                .msg(
                        1,
                        Onnx.node(
                                "gemm", "Gemm", new String[] {"x", "w"}, new String[] {"t"}, Onnx.intAttr("transB", 1)))
                .msg(1, scale)
                .str(2, "matmul_scale")
                .msg(5, Onnx.floatTensor("w", new long[] {3, 4}, W))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 2, 4))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 2, 3));
        return Proto.message()
                .i64(1, 8)
                .msg(8, Proto.message().str(1, "").i64(2, 17))
                .msg(8, Proto.message().str(1, "com.acme").i64(2, 1))
                .msg(7, graph)
                .toBytes();
    }

    static Partitioner withPlugin(OperatorDefinition definition) {
        List<AdmittedProvider> admitted = new ArrayList<>();
        for (OperatorProvider p : ProviderDiscovery.discover(CustomNodesConversionTest.class.getClassLoader())) {
            if (dev.vela.runtime.plugin.ReferenceProviders.isReference(p)) {
                admitted.add(new AdmittedProvider(p, "class path", Set.of(), false));
            }
        }
        admitted.add(new AdmittedProvider(ScaleOperator.provider(definition, null), "acme-dsp.jar", Set.of(), true));
        return Partitioner.of(new PluginSet(admitted, List.of(), List.of(), false), List.of());
    }

    private static List<Map<String, Tensor>> samples(int n, long seed) {
        Random r = new Random(seed);
        List<Map<String, Tensor>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[8];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) (r.nextGaussian());
            }
            list.add(Map.of("x", Tensor.ofFloats(Shape.of(2, 4), x)));
        }
        return list;
    }

    private static float[] run(Model m, Map<String, Tensor> in) {
        try (Session s = m.newSession()) {
            return s.run(in).get("y").toFloatArray();
        }
    }

    private Path convert(QuantizationPass quantization, Partitioner providers) throws Exception {
        Path source = dir.resolve("matmul_scale.onnx");
        Files.write(source, matMulScaleModel());
        Path target = dir.resolve(quantization == null ? "plain.vela" : quantization.name() + ".vela");
        List<Pass> passes = new ArrayList<>(Passes.defaults());
        if (quantization != null) {
            passes.add(quantization);
        }
        Conversion.run(source, target, passes, Map.of(), Map.of(), providers);
        return target;
    }

    private static GraphNode scaleNode(VelaPackage pkg) {
        return pkg.graph().nodes().stream()
                .filter(n -> n.op().equals(ScaleOperator.SCALE))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theCustomNodeIsKeptAndItsDefinitionRecorded() throws Exception {
        Partitioner providers = withPlugin(ScaleOperator.definition());
        Path target = convert(null, providers);
        VelaPackage pkg = PackageReader.read(target);
        GraphNode scale = scaleNode(pkg);
        assertThat(scale.opsetVersion()).isEqualTo(1);
        assertThat(scale.attributes().getFloat("factor")).isEqualTo(2f);
        assertThat(scale.attributes().getFloat("shift")).isEqualTo(0.5f);
        assertThat(pkg.metadata().properties())
                .containsEntry(RequiredDefinitions.KEY, "com.acme:Scale@1")
                .containsEntry(
                        RequiredDefinitions.SCHEMA_PREFIX + "com.acme:Scale@1",
                        ScaleOperator.definition().schemaHash());
        Map<String, Tensor> x = samples(1, 3).get(0);
        assertThat(run(Model.load(target, providers), x))
                .containsExactly(run(Model.fromBytes("m.onnx", matMulScaleModel(), providers), x));
    }

    @Test
    void dynamicQuantizationQuantizesTheGemmAndLeavesTheCustomNode() throws Exception {
        Partitioner providers = withPlugin(ScaleOperator.definition());
        QuantizationPass q = new QuantizationPass(
                        QuantizationPass.Mode.DYNAMIC, List.of(), CalibrationMethod.MINMAX, 99.99, done -> {})
                .withProviders(providers);
        Path target = convert(q, providers);
        VelaPackage pkg = PackageReader.read(target);
        assertThat(q.customNodes()).containsExactly("node 'scale' (com.acme:Scale)");
        assertThat(scaleNode(pkg).attributes().getFloat("factor")).isEqualTo(2f);
        // the Gemm becomes a dynamic-range (hybrid) Gemm on int8 weights; the custom node stays float
        assertThat(pkg.graph().nodes()).anySatisfy(n -> {
            assertThat(n.op().name()).isEqualTo("Gemm");
            assertThat(pkg.graph().initializers().get(n.inputs().get(1)).dataType())
                    .isEqualTo(DataType.INT8);
        });
        assertClose(target, providers, 0.02);
    }

    @Test
    void staticInt8CalibratesThroughThePluginAndLeavesTheCustomNode() throws Exception {
        Partitioner providers = withPlugin(ScaleOperator.definition());
        QuantizationPass q = new QuantizationPass(
                        QuantizationPass.Mode.INT8, samples(16, 1), CalibrationMethod.MINMAX, 99.99, done -> {})
                .withProviders(providers);
        Path target = convert(q, providers);
        VelaPackage pkg = PackageReader.read(target);
        assertThat(q.customNodes()).containsExactly("node 'scale' (com.acme:Scale)");
        assertThat(q.keptFloat()).contains("node 'scale' (com.acme:Scale)");
        GraphNode scale = scaleNode(pkg);
        assertThat(scale.attributes().getFloat("shift")).isEqualTo(0.5f);
        assertThat(pkg.graph().nodes())
                .anySatisfy(n -> assertThat(n.op().name()).isIn("QLinearMatMul", "Gemm", "FullyConnected"))
                .anySatisfy(n -> assertThat(n.op().name()).isEqualTo("QuantizeLinear"));
        assertClose(target, providers, 0.1);
    }

    @Test
    void aPluginDefiningTheOperatorWithAnotherSchemaIsRefusedAtLoad() throws Exception {
        Path target = convert(null, withPlugin(ScaleOperator.definition()));
        assertThatThrownBy(() -> Model.load(target, withPlugin(ScaleOperator.definitionWithDefaultShift(1f))))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("the package was converted for com.acme:Scale v1 with schema "
                        + ScaleOperator.definition().schemaHash().substring(0, 12))
                .hasMessageContaining("has another schema");
        assertThatThrownBy(() -> Model.load(target, Partitioner.of(KernelRegistry.reference())))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("custom operator com.acme:Scale is defined by no admitted provider");
    }

    /** Converted and original outputs agree within {@code relative} of the largest original output. */
    private void assertClose(Path target, Partitioner providers, double relative) {
        Model original = Model.fromBytes("m.onnx", matMulScaleModel(), providers);
        Model converted = Model.load(target, providers);
        for (Map<String, Tensor> x : samples(4, 9)) {
            float[] want = run(original, x);
            float[] got = run(converted, x);
            double max = 0;
            for (float v : want) {
                max = Math.max(max, Math.abs(v));
            }
            for (int i = 0; i < want.length; i++) {
                assertThat((double) got[i])
                        .as("element %d", i)
                        .isCloseTo(want[i], org.assertj.core.data.Offset.offset(relative * max));
            }
        }
    }
}
