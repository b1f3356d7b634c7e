package dev.vela.runtime.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleInputsTest {

    @TempDir
    Path dir;

    private static final ValueSpec A = new ValueSpec("a", DataType.FLOAT32, new long[] {ValueSpec.UNKNOWN, 2}, null);
    private static final ValueSpec B = new ValueSpec("b/c", DataType.INT8, new long[] {3}, null);

    @Test
    void randomSamplesAreSeededTypedAndPinSymbolicDimensionsToOne() {
        List<Map<String, Tensor>> s1 = SampleInputs.random(List.of(A, B), 2, 7);
        List<Map<String, Tensor>> s2 = SampleInputs.random(List.of(A, B), 2, 7);
        assertThat(s1).hasSize(2);
        assertThat(s1.get(0).get("a").shape()).isEqualTo(Shape.of(1, 2));
        assertThat(s1.get(0).get("b/c").dataType()).isEqualTo(DataType.INT8);
        assertThat(s1.get(1).get("a").toFloatArray())
                .containsExactly(s2.get(1).get("a").toFloatArray());
        for (float v : s1.get(0).get("a").toFloatArray()) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }

    @Test
    void directoriesHoldOneNpyPerSampleOrOneSubdirectoryPerSample() throws Exception {
        Npy.write(dir.resolve("2.npy"), Tensor.ofFloats(Shape.of(1, 2), 3, 4));
        Npy.write(dir.resolve("1.npy"), Tensor.ofFloats(Shape.of(1, 2), 1, 2));
        List<Map<String, Tensor>> single = SampleInputs.fromDirectory(dir, List.of(A));
        assertThat(single).hasSize(2);
        assertThat(single.get(0).get("a").toFloatArray()).containsExactly(1, 2);
        Path multi = Files.createDirectories(dir.resolve("multi/s0"));
        Npy.write(multi.resolve("a.npy"), Tensor.ofFloats(Shape.of(1, 2), 5, 6));
        Npy.write(multi.resolve(Npy.safeFileName("b/c") + ".npy"), Tensor.ofFloats(Shape.of(3), 1, 1, 1));
        assertThat(SampleInputs.fromDirectory(dir.resolve("multi"), List.of(A, B))
                        .get(0))
                .containsOnlyKeys("a", "b/c");
    }

    @Test
    void missingInputsAndEmptyDirectoriesAreNamed() throws Exception {
        Path sample = Files.createDirectories(dir.resolve("s/x"));
        Npy.write(sample.resolve("a.npy"), Tensor.ofFloats(Shape.of(1, 2), 5, 6));
        assertThatThrownBy(() -> SampleInputs.fromDirectory(dir.resolve("s"), List.of(A, B)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("input 'b/c'");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> SampleInputs.fromDirectory(empty, List.of(A)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no samples");
        Path flat = Files.createDirectories(dir.resolve("flat"));
        Npy.write(flat.resolve("one.npy"), Tensor.ofFloats(Shape.of(1, 2), 1, 2));
        assertThatThrownBy(() -> SampleInputs.fromDirectory(flat, List.of(A, B)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("2 inputs");
    }
}
