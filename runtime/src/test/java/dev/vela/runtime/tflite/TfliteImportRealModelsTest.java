package dev.vela.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Imports every builtin-only external model into the graph IR. */
class TfliteImportRealModelsTest {

    @TestFactory
    Stream<DynamicTest> everyBuiltinOnlyModelImports() {
        Path dir = TfliteData.require();
        return TfliteData.index(dir).stream()
                .filter(row -> !row.get("ops").contains("CUSTOM:"))
                .map(row -> DynamicTest.dynamicTest(row.get("file"), () -> {
                    TfliteModel model = TfliteReader.read(TfliteData.modelFile(dir, row));
                    TfliteGraph imported = TfliteImporter.importModel(model);
                    Graph g = imported.graph();
                    assertThat(g.inputs()).hasSize(model.mainSubgraph().inputs().length);
                    assertThat(g.outputs()).hasSize(model.mainSubgraph().outputs().length);
                    // Every TFLite operator yields exactly one node named after it (plus helpers named name/...).
                    long mainNodes = g.nodes().stream()
                            .filter(n -> !n.name().contains("/"))
                            .count();
                    assertThat(mainNodes)
                            .isEqualTo(model.mainSubgraph().operators().size());
                    for (GraphNode n : g.nodes()) {
                        for (String out : n.outputs()) {
                            assertThat(imported.valueTypes()).containsKey(out);
                        }
                    }
                }));
    }

    @Test
    void kwsMapsToNhwcConvsGemmAndSoftmax() {
        Path dir = TfliteData.require();
        TfliteGraph g = TfliteImporter.importModel(
                TfliteReader.read(dir.resolve("mlcommons-tiny/keyword_spotting__kws_ref_model.tflite")));
        assertThat(histogram(g.graph())).isEqualTo("AveragePool x1;Conv x9;Gemm x1;Reshape x1;Softmax x1");
        GraphNode first = g.graph().nodes().get(0);
        assertThat(first.op().name()).isEqualTo("Conv");
        assertThat(first.attributes().getString("data_format")).isEqualTo("NHWC");
        assertThat(g.valueTypes()
                        .get(g.graph().inputs().get(0).name())
                        .quantization()
                        .orElseThrow()
                        .zeroPoint())
                .isEqualTo(83);
        long depthwise = g.graph().nodes().stream()
                .filter(n -> n.op().name().equals("Conv") && n.attributes().getLong("group") > 1)
                .count();
        assertThat(depthwise).isEqualTo(4);
    }

    @Test
    void lstmAndSvdfStayInTheTfliteDomain() {
        Path dir = TfliteData.require();
        assertThat(histogram(TfliteImporter.importModel(
                                TfliteReader.read(dir.resolve("tflite-micro/dtln_noise_suppression.tflite")))
                        .graph()))
                .isEqualTo("Gemm x1;Reshape x2;Sigmoid x1;tflite:UnidirectionalSequenceLSTM x2");
        assertThat(histogram(TfliteImporter.importModel(
                                TfliteReader.read(dir.resolve("tflite-micro/keyword_scrambled.tflite")))
                        .graph()))
                .isEqualTo("Gemm x5;QuantizeLinear x2;Softmax x1;tflite:SVDF x7");
    }

    @Test
    void customOperatorsImportAsTfliteDomainNodesWithTypedOptions() throws Exception {
        Path dir = TfliteData.require();
        for (String name : List.of("audio_preprocessor_int8.tflite", "audio_preprocessor_float.tflite")) {
            Graph g = TfliteImporter.importBytes(name, Files.readAllBytes(dir.resolve("tflite-micro/" + name)))
                    .graph();
            assertThat(histogram(g))
                    .contains(
                            "tflite:SignalWindow x1",
                            "tflite:SignalFftAutoScale x1",
                            "tflite:SignalRfft x1",
                            "tflite:SignalEnergy x1",
                            "tflite:SignalFilterBank x1",
                            "tflite:SignalFilterBankSquareRoot x1",
                            "tflite:SignalFilterBankSpectralSubtraction x1",
                            "tflite:SignalPCAN x1",
                            "tflite:SignalFilterBankLog x1");
            GraphNode subtraction = g.nodes().stream()
                    .filter(n -> n.op().name().equals("SignalFilterBankSpectralSubtraction"))
                    .findFirst()
                    .orElseThrow();
            assertThat(subtraction.attributes().getLong("smoothing_bits")).isEqualTo(10);
            assertThat(subtraction.attributes().getLong("num_channels")).isEqualTo(40);
            assertThat(subtraction.outputs()).hasSize(2);
        }
        // Vela's Ethos-U command stream is not FlexBuffers: refused naming the operator
        byte[] bytes = Files.readAllBytes(dir.resolve("tflite-micro/person_detect_vela.tflite"));
        assertThatThrownBy(() -> TfliteImporter.importBytes("person_detect_vela.tflite", bytes))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessage(
                        "person_detect_vela.tflite: operator 0 (CUSTOM:ethos-u): custom_options: the root is an int,"
                                + " not a map");
    }

    static String histogram(Graph g) {
        Map<String, Integer> counts = new TreeMap<>();
        g.nodes().forEach(n -> counts.merge(n.op().toString(), 1, Integer::sum));
        return counts.entrySet().stream()
                .map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(";"));
    }
}
