package dev.vela.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vela layers}: one CSV row per Conv/FC/Add/Pool/Softmax layer with shapes, attributes and quantization. */
class LayersCommandTest {

    @TempDir
    Path dir;

    private static Path tiny(String file) {
        String data = System.getProperty("vela.data");
        Path p = data == null ? null : Path.of(data, "tflite", "mlcommons-tiny", file);
        assumeTrue(p != null && Files.isRegularFile(p), "MLPerf Tiny models not found: set -Dvela.data");
        return p;
    }

    @Test
    void listsEveryLayerOfTheModelsWithTheirQuantization() throws Exception {
        Path ad = tiny("anomaly_detection__ad01_int8.tflite");
        Path vww = tiny("visual_wake_words__vww_96_int8.tflite");
        Path csv = dir.resolve("out/layers.csv");
        int code =
                VelaCli.execute("layers", "--model", ad.toString(), "--model", vww.toString(), "--csv", csv.toString());
        assertThat(code).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo(LayersCommand.HEADER);
        assertThat(rows)
                .filteredOn(r -> r.startsWith("anomaly_detection__ad01_int8,"))
                .hasSize(10)
                .allSatisfy(r -> assertThat(r).contains(",Gemm,").contains("transB=i:1"));
        List<String> convs = rows.stream()
                .filter(r -> r.startsWith("visual_wake_words__vww_96_int8,") && r.contains(",Conv,"))
                .toList();
        assertThat(convs).hasSizeGreaterThan(20).allSatisfy(r -> assertThat(r).contains("data_format=s:NHWC"));
        // depthwise layers: group = C with [C, kH, kW, 1] weights, per-channel scales summarised on axis 0
        assertThat(convs)
                .anySatisfy(r -> assertThat(r)
                        .containsPattern("group=i:([2-9]|[1-9][0-9]+);")
                        .containsPattern("x1\\]c\\{axis=0 n="));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(",Softmax,"));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(",AveragePool,"));
    }

    @Test
    void tensorsAreWrittenWithTypeShapeConstancyAndQuantization() {
        assertThat(LayersCommand.tensor(
                        TensorType.quantized(
                                DataType.INT8, dev.vela.spi.Shape.of(1, 4), Quantization.perTensor(0.5f, -128)),
                        false))
                .isEqualTo("int8[1x4]{0.5:-128}");
        assertThat(LayersCommand.tensor(
                        TensorType.quantized(
                                DataType.INT8,
                                dev.vela.spi.Shape.of(2, 1),
                                Quantization.perAxis(0, new float[] {0.25f, 0.5f}, new long[2])),
                        true))
                .isEqualTo("int8[2x1]c{axis=0 n=2 min=0.25 max=0.5 zp=0}");
        assertThat(LayersCommand.tensor(TensorType.of(DataType.FLOAT32, dev.vela.spi.Shape.of(3)), false))
                .isEqualTo("float32[3]");
    }
}
