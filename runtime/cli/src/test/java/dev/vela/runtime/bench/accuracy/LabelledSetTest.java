package dev.vela.runtime.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labelled-set layouts, how samples become inputs, the counting, and each kind of bad input named. */
class LabelledSetTest {
    @TempDir
    Path dir;

    @Test
    void aLabelsFileTakesIndicesOrNamesAndPathsRelativeToIt() throws Exception {
        Npy.write(dir.resolve("a.npy"), Tensor.ofFloats(Shape.of(3), 1, 2, 3));
        Npy.write(dir.resolve("b c.npy"), Tensor.ofFloats(Shape.of(3), 3, 2, 1));
        Files.writeString(dir.resolve("labels.txt"), "# two samples\na.npy 2\n\nb c.npy,cat\n");
        LabelledSet set = LabelledSet.read(dir, List.of("dog", "cat", "bird"));
        assertThat(set.samples()).extracting(LabelledSample::name).containsExactly("a.npy", "b c.npy");
        assertThat(set.samples()).extracting(LabelledSample::label).containsExactly(2, 1);
    }

    @Test
    void badLabelsFilesAreNamedWithTheLine() throws Exception {
        Npy.write(dir.resolve("a.npy"), Tensor.ofFloats(Shape.of(3), 1, 2, 3));
        Files.writeString(dir.resolve("l1.txt"), "a.npy 0\nmissing.npy 1\n");
        assertThatThrownBy(() -> LabelledSet.read(dir.resolve("l1.txt"), List.of()))
                .isInstanceOf(LabelledSetException.class)
                .hasMessageContaining("l1.txt line 2: no such file");
        Files.writeString(dir.resolve("l2.txt"), "a.npy horse\n");
        assertThatThrownBy(() -> LabelledSet.read(dir.resolve("l2.txt"), List.of("dog")))
                .hasMessageContaining("l2.txt line 1: label 'horse' is neither a class index");
        Files.writeString(dir.resolve("l3.txt"), "a.npy\n");
        assertThatThrownBy(() -> LabelledSet.read(dir.resolve("l3.txt"), List.of()))
                .hasMessageContaining("l3.txt line 1: expected 'FILE LABEL'");
        Files.writeString(dir.resolve("l4.txt"), "# nothing\n");
        assertThatThrownBy(() -> LabelledSet.read(dir.resolve("l4.txt"), List.of()))
                .hasMessageContaining("no samples");
        assertThatThrownBy(() -> LabelledSet.read(dir.resolve("sub"), List.of()))
                .hasMessageContaining("sub: no such");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> LabelledSet.read(dir.resolve("empty"), List.of()))
                .hasMessageContaining("needs a labels.txt");
    }

    @Test
    void anNpzIsSplitAlongItsLeadingAxis() throws Exception {
        Path npz = dir.resolve("set.npz");
        writeNpz(
                npz,
                "specs",
                Tensor.ofFloats(Shape.of(2, 2), 1, 2, 3, 4),
                "labels",
                Tensor.ofFloats(Shape.of(2), 1, 0));
        LabelledSet set = LabelledSet.read(npz, List.of());
        assertThat(set.samples()).hasSize(2);
        assertThat(set.samples().get(1).tensor().toFloatArray()).containsExactly(3, 4);
        assertThat(set.samples()).extracting(LabelledSample::label).containsExactly(1, 0);

        writeNpz(npz, "x", Tensor.ofFloats(Shape.of(2, 2), 1, 2, 3, 4), "y", Tensor.ofFloats(Shape.of(3), 1, 0, 1));
        assertThatThrownBy(() -> LabelledSet.read(npz, List.of()))
                .hasMessageContaining("set.npz: labels y[3] and " + "samples x[2x2] must be");
        writeNpz(npz, "x", Tensor.ofFloats(Shape.of(2, 2), 1, 2, 3, 4), "y", Tensor.ofFloats(Shape.of(2), 0.5f, 0));
        assertThatThrownBy(() -> LabelledSet.read(npz, List.of())).hasMessageContaining("label 0 of y is 0.5");
        Files.writeString(npz, "not a zip");
        assertThatThrownBy(() -> LabelledSet.read(npz, List.of()))
                .isInstanceOf(LabelledSetException.class)
                .hasMessageContaining("set.npz");
    }

    @Test
    void imagesAreScaledLaidOutAndQuantizedForTheInput() throws Exception {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        image.setRGB(1, 0, 0x333333);
        Path png = dir.resolve("i.png");
        ImageIO.write(image, "png", png.toFile());
        LabelledSample s = new LabelledSample("i.png", png, null, 0);
        Tensor nhwc = new InputDecoder(spec(DataType.FLOAT32, null, 1, 1, 2, 3), InputDecoder.Pixels.RAW).decode(s);
        assertThat(nhwc.toFloatArray()).containsExactly(255, 0, 0, 51, 51, 51);
        Tensor nchw = new InputDecoder(spec(DataType.FLOAT32, null, 1, 3, 1, 2), InputDecoder.Pixels.RAW).decode(s);
        assertThat(nchw.toFloatArray()).containsExactly(255, 51, 0, 51, 0, 51);
        Tensor grey = new InputDecoder(spec(DataType.FLOAT32, null, 1, 1, 2), InputDecoder.Pixels.UNIT).decode(s);
        assertThat(grey.toFloatArray()).containsExactly(85 / 255f, 51 / 255f);
        Tensor int8 = new InputDecoder(
                        spec(DataType.INT8, Quantization.perTensor(1 / 255f, -128), 1, 1, 2, 1),
                        InputDecoder.Pixels.UNIT)
                .decode(s);
        assertThat(new long[] {int8.getLong(0), int8.getLong(1)}).containsExactly(85 - 128, 51 - 128);
        assertThatThrownBy(() ->
                        new InputDecoder(spec(DataType.FLOAT32, null, 1, 2, 2, 3), InputDecoder.Pixels.UNIT).decode(s))
                .hasMessageContaining("i.png: the image is 2x1")
                .hasMessageContaining("not resized");
        assertThatThrownBy(() ->
                        new InputDecoder(spec(DataType.INT8, null, 1, 1, 2, 1), InputDecoder.Pixels.UNIT).decode(s))
                .hasMessageContaining("real values for the unquantized int8 input");
        Files.writeString(dir.resolve("bad.png"), "no image");
        assertThatThrownBy(() -> new InputDecoder(spec(DataType.FLOAT32, null, 1, 1, 2, 3), InputDecoder.Pixels.UNIT)
                        .decode(new LabelledSample("bad.png", dir.resolve("bad.png"), null, 0)))
                .hasMessageContaining("bad.png: not a readable PNG or BMP image");
    }

    @Test
    void npyDataMustHoldTheInputsElementCount() throws Exception {
        Npy.write(dir.resolve("a.npy"), Tensor.ofFloats(Shape.of(3), 1, 2, 3));
        assertThatThrownBy(() -> new InputDecoder(spec(DataType.FLOAT32, null, 1, 4), InputDecoder.Pixels.UNIT)
                        .decode(new LabelledSample("a.npy", dir.resolve("a.npy"), null, 0)))
                .hasMessageContaining("a.npy: float32[3] has 3 elements, input");
    }

    @Test
    void topOneTopFiveAndAgreementAreCounted() throws Exception {
        LabelledSet set = new LabelledSet("s", List.of(sample("a", 0), sample("b", 3), sample("c", 6)));
        float[][] first = {{9, 1, 0, 0, 0, 0, 0}, {0, 0, 0, 1, 5, 0, 0}, {0, 1, 2, 3, 4, 5, 0.5f}};
        float[][] second = {{9, 1, 0, 0, 0, 0, 0}, {0, 0, 0, 5, 1, 0, 0}, {0, 1, 2, 3, 4, 5, 0.5f}};
        AccuracyResult r = AccuracyRun.run(set, s -> first[index(s)], s -> second[index(s)], "other", n -> {});
        assertThat(r.top1()).isEqualTo(1 / 3.0);
        assertThat(r.top5()).isEqualTo(2 / 3.0);
        assertThat(r.misses()).containsExactly("b: 3 -> 4", "c: 6 -> 5");
        assertThat(r.agreement().top1Agreement()).isEqualTo(2 / 3.0);
        assertThat(r.agreement().top1()).isEqualTo(2 / 3.0);
        assertThat(r.agreement().maxAbsDiff()).isEqualTo(4.0);
        assertThatThrownBy(() -> AccuracyRun.run(
                        new LabelledSet("s", List.of(sample("a", 9))), s -> first[0], null, null, n -> {}))
                .hasMessageContaining("a: label 9 with 7 scores");
    }

    private static int index(LabelledSample s) {
        return s.name().charAt(0) - 'a';
    }

    private static LabelledSample sample(String name, int label) {
        return new LabelledSample(name, null, Tensor.ofFloats(Shape.of(1), 0), label);
    }

    private static ValueSpec spec(DataType type, Quantization q, long... dims) {
        return new ValueSpec("in", type, dims, null, q);
    }

    private static void writeNpz(Path file, String n1, Tensor t1, String n2, Tensor t2) throws Exception {
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(n1 + ".npy"));
            zip.write(Npy.encode(t1));
            zip.putNextEntry(new ZipEntry(n2 + ".npy"));
            zip.write(Npy.encode(t2));
        }
    }
}
