package dev.vela.runtime.tflite;

import static dev.vela.runtime.tflite.TfliteTensorType.INT8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.convert.Conversion;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.passes.Passes;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A quantized TFLite model converted to .vela keeps per-value quantization and gives bit-exact outputs. */
class TflitePackageRoundTripTest {

    private static final TestModelBuilder.Quant IN = new TestModelBuilder.Quant(new float[] {0.5f}, new long[] {-2}, 0);
    private static final TestModelBuilder.Quant CONST =
            new TestModelBuilder.Quant(new float[] {0.25f}, new long[] {3}, 0);
    private static final TestModelBuilder.Quant OUT =
            new TestModelBuilder.Quant(new float[] {0.75f}, new long[] {-5}, 0);

    @TempDir
    Path dir;

    /** y = relu(x + c) with three different quantizations, so requantization is exercised. */
    private static byte[] model() {
        TestModelBuilder b = new TestModelBuilder();
        int add = b.builtin(BuiltinOperators.ADD, 2);
        int cData = b.buffer(TestModelBuilder.int8(-7, 3, 40));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", INT8, new int[] {1, 3}, 0, IN);
        int c = g.tensor("c", INT8, new int[] {3}, cData, CONST);
        int y = g.tensor("y", INT8, new int[] {1, 3}, 0, OUT);
        g.op(add, new int[] {x, c}, new int[] {y}, OptionsDecoder.ADD_OPTIONS, fb -> {
                    fb.startTable(1);
                    fb.addByte(0, (byte) 1, 0);
                    return fb.endTable();
                })
                .io(new int[] {x}, new int[] {y});
        return b.build();
    }

    @Test
    void everyInt8InputGivesBitExactOutputsAfterConversion() throws Exception {
        Path source = dir.resolve("q.tflite");
        Files.write(source, model());
        Path target = dir.resolve("q.vela");
        Conversion.run(source, target, Passes.defaults());
        Model original = Model.load(source);
        Model converted = Model.load(target);
        assertThat(converted.inputs()).isEqualTo(original.inputs());
        assertThat(converted.inputs().get(0).quantization()).contains(Quantization.perTensor(0.5f, -2));
        GraphNode add = converted.graph().nodes().get(0);
        assertThat(add.attributes().getString("activation")).isEqualTo("Relu");
        assertThat(add.declaredOutput(0).flatMap(ValueSpec::quantization)).contains(Quantization.perTensor(0.75f, -5));
        assertThat(converted
                        .graph()
                        .initializers()
                        .values()
                        .iterator()
                        .next()
                        .type()
                        .quantization())
                .contains(Quantization.perTensor(0.25f, 3));
        try (Session before = original.newSession();
                Session after = converted.newSession()) {
            for (int v = -128; v < 128; v++) {
                Tensor x = Tensor.ofBytes(
                        TensorType.of(DataType.INT8, Shape.of(1, 3)), (byte) v, (byte) (v / 2), (byte) -v);
                Tensor e = before.run(Map.of("x", x)).get("y");
                Tensor a = after.run(Map.of("x", x)).get("y");
                assertThat(a.type()).isEqualTo(e.type());
                assertThat(a.toByteArray()).as("input %d", v).isEqualTo(e.toByteArray());
            }
        }
    }
}
