package dev.vela.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reads every real model of the external data and checks it against the data's index. */
class TfliteRealModelsTest {

    private static final Pattern TENSOR = Pattern.compile("(\\w+)\\[([0-9x]*)\\](?: q\\(s=([^,]+),zp=(-?\\d+)\\))?");

    @TestFactory
    Stream<DynamicTest> everyIndexedModelReadsAsIndexed() {
        Path dir = TfliteData.require();
        return TfliteData.index(dir).stream()
                .map(row -> DynamicTest.dynamicTest(
                        row.get("file"),
                        () -> checkAgainstIndex(TfliteReader.read(TfliteData.modelFile(dir, row)), row)));
    }

    private static void checkAgainstIndex(TfliteModel model, Map<String, String> row) {
        assertThat(model.version()).isEqualTo(Long.parseLong(row.get("schema_version")));
        assertThat(model.subgraphs()).hasSize(Integer.parseInt(row.get("n_subgraphs")));
        assertThat(model.description()).isEqualTo(row.get("description"));
        TfliteSubgraph main = model.mainSubgraph();
        assertThat(main.operators()).hasSize(Integer.parseInt(row.get("n_operators")));

        String codes = model.operatorCodes().stream()
                .map(c -> c.name() + " v" + c.version())
                .collect(Collectors.joining(";"));
        assertThat(codes).isEqualTo(row.get("opcode_versions"));

        Map<String, Integer> histogram = new TreeMap<>();
        main.operators().forEach(op -> histogram.merge(model.operatorCode(op).name(), 1, Integer::sum));
        String ops = histogram.entrySet().stream()
                .map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(";"));
        assertThat(ops).isEqualTo(row.get("ops"));

        checkTensors(main, main.inputs(), row.get("inputs"));
        checkTensors(main, main.outputs(), row.get("outputs"));
        for (TfliteOperator op : main.operators()) {
            int expected = OptionsDecoder.expectedTag(model.operatorCode(op).builtinCode());
            if (expected > 0) {
                assertThat(op.options())
                        .as("options of operator %d", op.index())
                        .isNotInstanceOf(BuiltinOptions.Raw.class);
            }
        }
    }

    private static void checkTensors(TfliteSubgraph graph, int[] indices, String described) {
        String[] parts = described.split(" \\| ");
        assertThat(indices).hasSize(parts.length);
        for (int i = 0; i < parts.length; i++) {
            Matcher m = TENSOR.matcher(parts[i]);
            assertThat(m.matches()).as("index entry %s", parts[i]).isTrue();
            TfliteTensor t = graph.tensor(indices[i]);
            assertThat(t.type().name().toLowerCase()).isEqualTo(m.group(1));
            int[] dims = m.group(2).isEmpty()
                    ? new int[0]
                    : Arrays.stream(m.group(2).split("x"))
                            .mapToInt(Integer::parseInt)
                            .toArray();
            assertThat(t.shape()).isEqualTo(dims);
            if (m.group(3) != null) {
                float scale = Float.parseFloat(m.group(3));
                assertThat(t.quantization().scale()[0]).isCloseTo(scale, within(Math.abs(scale) * 1e-5f));
                assertThat(t.quantization().zeroPoint()[0]).isEqualTo(Long.parseLong(m.group(4)));
            }
        }
    }

    @Test
    void customOperatorModelsAreRefusedByNameAndIndex() {
        Path dir = TfliteData.require();
        TfliteModel vela = TfliteReader.read(dir.resolve("tflite-micro/person_detect_vela.tflite"));
        assertThatThrownBy(vela::requireBuiltinOperators)
                .isInstanceOf(TfliteUnsupportedException.class)
                .hasMessage("person_detect_vela.tflite: operator 0: unsupported custom op 'ethos-u'");
        TfliteModel audio = TfliteReader.read(dir.resolve("tflite-micro/audio_preprocessor_int8.tflite"));
        assertThatThrownBy(audio::requireBuiltinOperators)
                .isInstanceOf(TfliteUnsupportedException.class)
                .hasMessage("audio_preprocessor_int8.tflite: operator 0: unsupported custom op 'SignalWindow'");
    }

    @Test
    void builtinOnlyModelsPassTheCustomOpCheck() {
        Path dir = TfliteData.require();
        List<String> refused = new ArrayList<>();
        for (Map<String, String> row : TfliteData.index(dir)) {
            TfliteModel model = TfliteReader.read(TfliteData.modelFile(dir, row));
            try {
                model.requireBuiltinOperators();
            } catch (TfliteUnsupportedException e) {
                refused.add(row.get("file"));
            }
        }
        assertThat(refused)
                .allMatch(f -> f.contains("vela") || f.contains("audio_preprocessor"))
                .hasSize(3);
    }
}
