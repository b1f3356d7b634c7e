package dev.vela.runtime.pack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .vela reader applies the importers' validation: a package whose checksums are right but whose graph breaks
 * what the model formats constrain (written by a buggy or hostile tool) is refused naming the file and the tensor or
 * node, like the ONNX or TFLite file it would stand for.
 */
class MalformedPackageTest {

    @TempDir
    Path dir;

    private static final PackageMetadata META =
            new PackageMetadata("test", "m.onnx", "00", Map.of(), Map.of(), Map.of());

    private Path write(Graph graph) throws Exception {
        Path file = dir.resolve("bad.vela");
        PackageWriter.write(file, graph, META);
        return file;
    }

    private static Graph relu(ValueSpec x, ValueSpec y, Attributes attributes, String op) {
        return new Graph(
                "g",
                List.of(x),
                List.of(y),
                Map.of(),
                Map.of(),
                List.of(new GraphNode("n", OpId.of(op), 17, attributes, List.of("x"), List.of("y"))));
    }

    @Test
    void zeroPointOutsideItsTypeIsRefused() throws Exception {
        ValueSpec x = new ValueSpec("x", DataType.UINT8, new long[] {1, 4}, null, Quantization.perTensor(0.5f, 300));
        ValueSpec y = new ValueSpec("y", DataType.UINT8, new long[] {1, 4}, null, Quantization.perTensor(0.5f, 0));
        Path file = write(relu(x, y, Attributes.empty(), "Relu"));
        assertThatThrownBy(() -> PackageReader.read(file))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("bad.vela")
                .hasMessageContaining("graph input 'x'")
                .hasMessageContaining("zero point 300 outside the range of uint8");
    }

    @Test
    void hugeDeclaredShapesAndOutOfRangeAttributesAreRefused() throws Exception {
        ValueSpec big = new ValueSpec("x", DataType.FLOAT32, new long[] {65536, 65536}, null);
        ValueSpec y = new ValueSpec("y", DataType.FLOAT32, new long[] {1, 4}, null);
        Path file = write(relu(big, y, Attributes.empty(), "Relu"));
        assertThatThrownBy(() -> PackageReader.read(file))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("bad.vela")
                .hasMessageContaining("more than 2^31-1 elements");
        ValueSpec x = new ValueSpec("x", DataType.FLOAT32, new long[] {1, 1, 8, 8}, null);
        Attributes pads = Attributes.builder()
                .put("kernel_shape", 2L, 2L)
                .put("pads", (long) Integer.MAX_VALUE, 0L, (long) Integer.MAX_VALUE, 0L)
                .build();
        Path pool = write(relu(x, y, pads, "MaxPool"));
        assertThatThrownBy(() -> PackageReader.read(pool))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("node 'n' (MaxPool)")
                .hasMessageContaining("'pads'");
    }
}
