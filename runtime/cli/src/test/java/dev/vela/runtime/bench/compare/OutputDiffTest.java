package dev.vela.runtime.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputDiffTest {

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void floatOutputsTakeTheLargestDifferenceOverAllOutputs() {
        Tensor a = Tensor.ofFloats(Shape.of(3), 1f, 2f, 3f);
        Tensor b = Tensor.ofFloats(Shape.of(2), 0f, -1f);
        OutputDiff d = OutputDiff.of(List.of(a, b), List.of(floats(1f, 2.25f, 3f), floats(0f, -1.5f)));
        assertThat(d.maxAbsDiff()).isEqualTo(0.5);
        assertThat(d.kind()).isEqualTo("float");
        assertThat(d.note()).isEmpty();
    }

    @Test
    void nanOnOneSideOnlyIsAnInfiniteDifferenceAndOnBothSidesNone() {
        Tensor a = Tensor.ofFloats(Shape.of(2), Float.NaN, 1f);
        assertThat(OutputDiff.of(List.of(a), List.of(floats(Float.NaN, 1f))).maxAbsDiff())
                .isZero();
        assertThat(OutputDiff.of(List.of(a), List.of(floats(0f, 1f))).maxAbsDiff())
                .isInfinite();
    }

    @Test
    void quantizedOutputsAreComparedDequantized() {
        TensorType type = TensorType.quantized(DataType.INT8, Shape.of(3), Quantization.perTensor(0.25f, -128));
        Tensor ours = Tensor.ofBytes(type, (byte) -128, (byte) 10, (byte) 127);
        OutputDiff d = OutputDiff.of(List.of(ours), List.of(new byte[] {-128, 13, 126}));
        assertThat(d.maxAbsDiff()).isCloseTo(0.75, within(1e-9)); // 3 steps x 0.25; the zero point cancels
        assertThat(d.kind()).isEqualTo("dequantized");
    }

    @Test
    void perAxisQuantizedOutputsUseEachChannelsScale() {
        TensorType type = TensorType.quantized(
                DataType.INT8, Shape.of(2, 2), Quantization.perAxis(1, new float[] {1f, 0.5f}, new long[] {0, 0}));
        Tensor ours = Tensor.ofBytes(type, (byte) 0, (byte) 0, (byte) 0, (byte) 0);
        // element 1 is channel 1 (scale 0.5): 4 steps -> 2.0; element 2 is channel 0 (scale 1): 1 step -> 1.0
        OutputDiff d = OutputDiff.of(List.of(ours), List.of(new byte[] {0, 4, 1, 0}));
        assertThat(d.maxAbsDiff()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void plainIntegerOutputsAreRawDifferences() {
        Tensor ours = Tensor.ofLongs(Shape.of(2), 7, -3);
        ByteBuffer b = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(7)
                .putLong(2);
        OutputDiff d = OutputDiff.of(List.of(ours), List.of(b.array()));
        assertThat(d.maxAbsDiff()).isEqualTo(5.0);
        assertThat(d.kind()).isEqualTo("integer");
    }

    @Test
    void sizeMismatchIsReportedNotCompared() {
        Tensor ours = Tensor.ofFloats(Shape.of(2), 1f, 2f);
        OutputDiff d = OutputDiff.of(List.of(ours), List.of(floats(1f)));
        assertThat(d.maxAbsDiff()).isNaN();
        assertThat(d.note()).contains("output 0").contains("Vela 8 bytes").contains("engine 4");
    }
}
