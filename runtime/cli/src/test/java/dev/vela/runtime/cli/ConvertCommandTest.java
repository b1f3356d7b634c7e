package dev.vela.runtime.cli;

import static dev.vela.runtime.cli.CliRun.cli;
import static dev.vela.runtime.testing.Onnx.addReluGraph;
import static dev.vela.runtime.testing.Onnx.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.cli.CliRun.Result;
import dev.vela.runtime.io.Npy;
import dev.vela.runtime.pack.PackageReader;
import dev.vela.runtime.pack.VelaPackage;
import dev.vela.runtime.passes.Passes;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {

    @TempDir
    Path dir;

    private Path onnx() throws Exception {
        Path file = dir.resolve("m.onnx");
        Files.write(file, model(addReluGraph()));
        return file;
    }

    @Test
    void convertsWritesAPackageAndReportsAgreementSizePassesAsTextAndJson() throws Exception {
        Path out = dir.resolve("m.vela");
        Path report = dir.resolve("r.json");
        Result r = cli(
                "convert", onnx().toString(), "-o", out.toString(), "--report", report.toString(), "--samples", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(VelaPackage.isPackage(out)).isTrue();
        VelaPackage p = PackageReader.read(out);
        assertThat(p.metadata().sourceName()).isEqualTo("m.onnx");
        assertThat(p.metadata().sourceSha256())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(onnx()))));
        assertThat(p.metadata().properties().get("passes")).isEqualTo(String.join(",", Passes.defaultNames()));
        assertThat(r.out())
                .contains("converted m.onnx")
                .contains("fold-constants")
                .contains("on 3 random samples")
                .contains("maxAbsError 0.00")
                .contains("cosine 1.000000")
                .contains("top1Agreement 100.0%");
        assertThat(r.err()).contains("[" + "#".repeat(30) + "] 3/3");
        String json = Files.readString(report);
        assertThat(json)
                .contains("{\"name\": \"y\", \"maxAbsError\": 0.0, \"meanAbsError\": 0.0, \"cosine\": 1.0, "
                        + "\"top1Agreement\": 1.0}")
                .contains("\"sizeBytes\": {\"before\": " + Files.size(onnx()) + ", \"after\": " + Files.size(out) + "}")
                .contains("{\"name\": \"eliminate-dead-code\", \"ms\": ");
    }

    @Test
    void validationSamplesComeFromADirectory() throws Exception {
        Path samples = Files.createDirectories(dir.resolve("val"));
        Npy.write(samples.resolve("a.npy"), Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, -4, -5, -6));
        Npy.write(samples.resolve("b.npy"), Tensor.ofFloats(Shape.of(1, 3), 0, 0, 0));
        Result r = cli(
                "convert",
                onnx().toString(),
                "-o",
                dir.resolve("m.vela").toString(),
                "--validation",
                samples.toString(),
                "--passes",
                "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("on 2 samples from " + samples).doesNotContain("fold-constants");
    }

    @Test
    void descriptionsAndNamedConfigurationsAreStoredInThePackage() throws Exception {
        Path out = dir.resolve("m.vela");
        Result r = cli(
                "convert",
                onnx().toString(),
                "-o",
                out.toString(),
                "--samples",
                "1",
                "--describe",
                "x=features",
                "--describe",
                "y=scores",
                "--config",
                "npu.provider=acme",
                "--config",
                "npu.threads=2",
                "--config",
                "cpu.provider=java-cpu");
        assertThat(r.code()).as(r.err()).isZero();
        VelaPackage p = PackageReader.read(out);
        assertThat(p.metadata().descriptions()).containsEntry("x", "features").containsEntry("y", "scores");
        assertThat(p.metadata().configurations().get("npu"))
                .containsEntry("provider", "acme")
                .containsEntry("threads", "2");
        assertThat(p.metadata().configurations().get("cpu")).containsEntry("provider", "java-cpu");
        Result bad = cli(
                "convert", onnx().toString(), "-o", dir.resolve("b.vela").toString(), "--describe", "ghost=nothing");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'ghost'");
    }

    @Test
    void aCorruptPackageIsAClearErrorOfTheOtherCommands() throws Exception {
        Path out = dir.resolve("m.vela");
        assertThat(cli("convert", onnx().toString(), "-o", out.toString(), "--samples", "1")
                        .code())
                .isZero();
        byte[] raw = Files.readAllBytes(out);
        raw[60] ^= 0x10;
        Files.write(out, raw);
        Result r = cli("inspect", "--model", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("vela: " + out)
                .contains("checksum")
                .contains("byte offset 48")
                .doesNotContain("Exception");
    }

    @Test
    void unknownPassesAndQuantizationAreRefusedWithAMessage() throws Exception {
        Result unknown = cli(
                "convert",
                onnx().toString(),
                "-o",
                dir.resolve("a.vela").toString(),
                "--passes",
                "fold-constants,shrink");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown pass 'shrink'");
        Result uncalibrated =
                cli("convert", onnx().toString(), "-o", dir.resolve("b.vela").toString(), "--quantize", "int8");
        assertThat(uncalibrated.code()).isEqualTo(2);
        assertThat(uncalibrated.err()).contains("--quantize int8 needs --calibration DIR");
        Result int2 =
                cli("convert", onnx().toString(), "-o", dir.resolve("c.vela").toString(), "--quantize", "int2");
        assertThat(int2.code()).isEqualTo(2);
        assertThat(int2.err())
                .contains("--quantize takes int8, dynamic or int4")
                .contains("int2");
        Result method = cli(
                "convert",
                onnx().toString(),
                "-o",
                dir.resolve("d.vela").toString(),
                "--quantize",
                "dynamic",
                "--calibration-method",
                "kl");
        assertThat(method.code()).isEqualTo(2);
        assertThat(method.err()).contains("kl");
        assertThat(dir.resolve("a.vela")).doesNotExist();
        assertThat(dir.resolve("b.vela")).doesNotExist();
    }

    @Test
    void quantizeInt8CalibratesWithAProgressBarAndReportsWhatStayedFloat() throws Exception {
        Path samples = Files.createDirectories(dir.resolve("cal"));
        Npy.write(samples.resolve("a.npy"), Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, -4, -5, -6));
        Npy.write(samples.resolve("b.npy"), Tensor.ofFloats(Shape.of(2, 3), 0.5f, 0, -1, 4, 5, 6));
        Path out = dir.resolve("q.vela");
        Path report = dir.resolve("q.json");
        Result r = cli(
                "convert",
                onnx().toString(),
                "-o",
                out.toString(),
                "--quantize",
                "int8",
                "--calibration",
                samples.toString(),
                "--calibration-method",
                "percentile",
                "--percentile",
                "99.9",
                "--report",
                report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // two passes over the two samples: min/max, then the histogram
        assertThat(r.err()).contains("calibrating [" + "#".repeat(30) + "] 4/4");
        // no console here (as in a CI log): the finished bar once, not every redraw
        assertThat(r.err()).doesNotContain("\r").containsOnlyOnce("calibrating [");
        assertThat(r.out())
                .contains("quantization: int8; calibration: 2 samples from " + samples + " (percentile 99.9)")
                .contains("kept float: none")
                .contains("quantize-int8");
        VelaPackage p = PackageReader.read(out);
        assertThat(p.graph().nodes())
                .extracting(n -> n.op().name())
                .containsExactly("QuantizeLinear", "Add", "DequantizeLinear");
        assertThat(p.graph().nodes().get(1).attributes().getString("activation", ""))
                .isEqualTo("Relu");
        assertThat(Files.readString(report))
                .contains("\"quantization\": {\"mode\": \"int8\", \"calibration\": " + "\"2 samples from ")
                .contains("\"keptFloat\": []");
        // the int8 model stays close to the float one on the calibration samples
        assertThat(r.out()).contains("cosine 0.99");
    }

    @Test
    void int8IoMakesTheBoundaryInt8AndTheComparisonQuantizesTheSamples() throws Exception {
        Path samples = Files.createDirectories(dir.resolve("cal"));
        Npy.write(samples.resolve("a.npy"), Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, -4, -5, -6));
        Npy.write(samples.resolve("b.npy"), Tensor.ofFloats(Shape.of(2, 3), 0.5f, 0, -1, 4, 5, 6));
        Path out = dir.resolve("q.vela");
        Result r = cli(
                "convert",
                onnx().toString(),
                "-o",
                out.toString(),
                "--quantize",
                "int8",
                "--int8-io",
                "--calibration",
                samples.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("quantization: int8 (int8 inputs and outputs)")
                .contains("cosine 0.99");
        VelaPackage p = PackageReader.read(out);
        assertThat(p.graph().nodes()).extracting(n -> n.op().name()).containsExactly("Add");
        // x over both samples is [-6, 6]: scale 12/255, zero point round(-128 + 127.5) in {-1, 0}
        assertThat(p.graph().inputs().get(0).name()).isEqualTo("x");
        assertThat(p.graph().inputs().get(0).dataType()).isEqualTo(dev.vela.spi.DataType.INT8);
        assertThat((double)
                        p.graph().inputs().get(0).quantization().orElseThrow().scale())
                .isCloseTo(12.0 / 255, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.graph().outputs().get(0).name()).isEqualTo("y");
        assertThat(p.graph().outputs().get(0).dataType()).isEqualTo(dev.vela.spi.DataType.INT8);
        Result refused =
                cli("convert", onnx().toString(), "-o", dir.resolve("r.vela").toString(), "--int8-io");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--int8-io needs --quantize int8");
    }

    @Test
    void compareWithRunsAThirdModelOnTheSameSamples() throws Exception {
        Path samples = Files.createDirectories(dir.resolve("cal"));
        Npy.write(samples.resolve("a.npy"), Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, -4, -5, -6));
        Npy.write(samples.resolve("b.npy"), Tensor.ofFloats(Shape.of(2, 3), 0.5f, 0, -1, 4, 5, 6));
        // the third model: the float original itself under another name, so "it vs original" is exact
        Path other = dir.resolve("other.onnx");
        Files.copy(onnx(), other);
        Path report = dir.resolve("r.json");
        Result r = cli(
                "convert",
                onnx().toString(),
                "-o",
                dir.resolve("q.vela").toString(),
                "--quantize",
                "int8",
                "--calibration",
                samples.toString(),
                "--compare-with",
                other.toString(),
                "--report",
                report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("compared with other.onnx on the same samples:")
                .containsPattern("y +converted vs it: cosine 0\\.99\\d+ top1Agreement 100\\.0%; it vs original: "
                        + "cosine 1\\.000000 top1Agreement 100\\.0%");
        assertThat(Files.readString(report))
                .contains("\"compareWith\": {\"model\": \"other.onnx\"")
                .contains("\"otherVsOriginalCosine\": 1.0");
        // a model with another number of inputs cannot be compared
        Path twoInputs = dir.resolve("two.onnx");
        Files.write(
                twoInputs,
                model(dev.vela.runtime.testing.Proto.message()
                        .msg(1, dev.vela.runtime.testing.Onnx.node("add", "Add", new String[] {"x", "z"}, new String[] {
                            "y"
                        }))
                        .str(2, "two")
                        .msg(11, dev.vela.runtime.testing.Onnx.valueInfo("x", 1, "N", 3))
                        .msg(11, dev.vela.runtime.testing.Onnx.valueInfo("z", 1, "N", 3))
                        .msg(12, dev.vela.runtime.testing.Onnx.valueInfo("y", 1, "N", 3))));
        Result bad = cli(
                "convert",
                onnx().toString(),
                "-o",
                dir.resolve("b.vela").toString(),
                "--samples",
                "1",
                "--compare-with",
                twoInputs.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err())
                .contains("--compare-with")
                .contains("has 2 inputs and 1 outputs; the original has 1 and 1");
    }

    @Test
    void quantizeInt4TakesABlockSizeAndRefusesOneWithoutIt() throws Exception {
        Result r = cli(
                "convert",
                onnx().toString(),
                "-o",
                dir.resolve("q4.vela").toString(),
                "--quantize",
                "int4",
                "--block-size",
                "32",
                "--samples",
                "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("quantization: int4; calibration: none (int4 weights, blocks of 32)")
                .contains("quantize-int4");
        Result bad = cli(
                "convert",
                onnx().toString(),
                "-o",
                dir.resolve("x.vela").toString(),
                "--quantize",
                "dynamic",
                "--block-size",
                "32");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--block-size").contains("only with --quantize int4");
    }

    @Test
    void quantizeDynamicNeedsNoCalibration() throws Exception {
        Path out = dir.resolve("d.vela");
        Result r = cli("convert", onnx().toString(), "-o", out.toString(), "--quantize", "dynamic", "--samples", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("quantization: dynamic; calibration: none (dynamic range)")
                .contains("quantize-dynamic")
                .contains("cosine 1.000000");
    }
}
