package dev.vela.runtime.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.ValueObserver;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DivergenceCheckTest {

    private static ValueRecording recording(String value, Tensor t) {
        ValueRecording r = new ValueRecording();
        r.written(new ValueObserver.Written("n", "Op", "p", value, t));
        return r;
    }

    private static ValueDiff diff(Tensor subject, Tensor baseline, DiffTolerance tolerance) {
        List<ValueDiff> d = DivergenceCheck.compare(recording("v", subject), recording("v", baseline), tolerance);
        assertThat(d).hasSize(1);
        return d.get(0);
    }

    @Test
    void floatsFollowThePolicyNanAndInfinity() {
        Tensor e = Tensor.ofFloats(Shape.of(4), 100, Float.NaN, Float.POSITIVE_INFINITY, 0);
        assertThat(diff(
                                Tensor.ofFloats(Shape.of(4), 100.009f, Float.NaN, Float.POSITIVE_INFINITY, 0),
                                e,
                                DiffTolerance.POLICY)
                        .agrees())
                .isTrue();
        ValueDiff off =
                diff(Tensor.ofFloats(Shape.of(4), 100.02f, 1, Float.NEGATIVE_INFINITY, 0), e, DiffTolerance.POLICY);
        assertThat(off.mismatches()).isEqualTo(3);
        assertThat(off.worstIndex()).as("a NaN on one side only ranks first").isEqualTo(1);
        assertThat(off.maxAbsDiff()).isNaN();
    }

    @Test
    void integersAreBitExactUnlessStepsAreAllowed() {
        TensorType t = TensorType.of(DataType.INT8, Shape.of(3));
        Tensor a = Tensor.ofBytes(t, (byte) 1, (byte) -128, (byte) 5);
        Tensor b = Tensor.ofBytes(t, (byte) 1, (byte) -127, (byte) 5);
        ValueDiff exact = diff(a, b, DiffTolerance.POLICY);
        assertThat(exact.mismatches()).isEqualTo(1);
        assertThat(exact.maxAbsDiff()).isEqualTo(1);
        assertThat(exact.worstIndex()).isEqualTo(1);
        assertThat(diff(a, b, new DiffTolerance(0, 0, 1)).agrees()).isTrue();
    }

    @Test
    void typeOrShapeChangesAreNamed() {
        assertThat(diff(Tensor.ofFloats(Shape.of(2), 1, 2), Tensor.ofFloats(Shape.of(1, 2), 1, 2), DiffTolerance.POLICY)
                        .note())
                .startsWith("shape ");
        assertThat(diff(Tensor.ofFloats(Shape.of(1), 1), Tensor.ofInts(Shape.of(1), 1), DiffTolerance.POLICY)
                        .note())
                .startsWith("type FLOAT32 vs INT32");
    }

    @Test
    void valuesTheBaselineNeverWroteAreListedNotJudged() {
        List<ValueDiff> d = DivergenceCheck.compare(
                recording("fused", Tensor.ofFloats(Shape.of(1), 1)),
                recording("other", Tensor.ofFloats(Shape.of(1), 2)),
                DiffTolerance.POLICY);
        assertThat(d.get(0).compared()).isFalse();
        assertThat(DivergenceCheck.firstDivergence(d)).isEmpty();
    }

    @Test
    void negativeTolerancesAreRefused() {
        assertThatThrownBy(() -> new DiffTolerance(-1, 0, 0)).hasMessageContaining("atol -1");
        assertThatThrownBy(() -> new DiffTolerance(0, Double.NaN, 0)).hasMessageContaining("rtol NaN");
    }

    @Test
    void theDefaultIsTheKitsPolicy() throws IOException {
        // the runtime does not depend on the kit; its versioned policy file is read from the source tree
        Path file = Path.of(
                "..",
                "op-conformance",
                "src",
                "main",
                "resources",
                "dev",
                "vela",
                "conformance",
                "tolerance-policy.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        assertThat(DiffTolerance.POLICY.atol()).isEqualTo(Double.parseDouble(p.getProperty("float32.atol")));
        assertThat(DiffTolerance.POLICY.rtol()).isEqualTo(Double.parseDouble(p.getProperty("float32.rtol")));
        assertThat(DiffTolerance.POLICY.integerSteps()).isEqualTo(Long.parseLong(p.getProperty("integer.maxDiff")));
    }
}
