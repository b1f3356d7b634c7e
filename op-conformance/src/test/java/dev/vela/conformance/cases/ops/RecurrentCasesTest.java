package dev.vela.conformance.cases.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Shrinkable;
import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.OpId;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sequence LSTM and SVDF generators make nodes the reference runs with outputs that are not
 * degenerate (not one saturated or zero-point value), shrink toward smaller cases, and make
 * invalid nodes the reference refuses.
 */
class RecurrentCasesTest {

    private static final int CASES = 40;

    @Test
    void lstmCasesRunAndVary() {
        for (DataType t : List.of(DataType.INT8, DataType.INT16, DataType.FLOAT32)) {
            checkValid(new SequenceLstmCases(), "tflite:UnidirectionalSequenceLSTM", t);
        }
    }

    @Test
    void svdfCasesRunAndVary() {
        for (DataType t : List.of(DataType.INT8, DataType.FLOAT32)) {
            checkValid(new SvdfCases(), "tflite:SVDF", t);
        }
    }

    @Test
    void invalidNodesAreRefused() {
        checkInvalid(
                new SequenceLstmCases(),
                "tflite:UnidirectionalSequenceLSTM",
                List.of(DataType.INT8, DataType.INT16, DataType.FLOAT32));
        checkInvalid(new SvdfCases(), "tflite:SVDF", List.of(DataType.INT8, DataType.FLOAT32));
    }

    @Test
    void casesShrinkTowardFewerElements() {
        KernelClaim claim = claim("tflite:UnidirectionalSequenceLSTM", DataType.INT8);
        Shrinkable<OpCase> big = new SequenceLstmCases().validCases(claim).generate(new SplittableRandom(7), 100);
        long elements = big.value().size().elements();
        assertThat(big.shrinks().limit(20).map(s -> s.value().size().elements()))
                .anyMatch(e -> e < elements);
    }

    private static void checkValid(CaseGenerator gen, String op, DataType type) {
        KernelClaim claim = claim(op, type);
        assertThat(gen.covers(claim)).isTrue();
        KernelFactory ref = reference(claim);
        SplittableRandom random = new SplittableRandom(42);
        Set<Double> seen = new HashSet<>();
        for (int i = 0; i < CASES; i++) {
            OpCase c = gen.validCases(claim).generate(random, 100 * i / CASES).value();
            assertThat(ref.supports(c.node()).isSupported()).as(c.describe()).isTrue();
            try (Kernel k = ref.prepare(c.node())) {
                List<Tensor> outputs = new ArrayList<>();
                k.outputTypes().forEach(ot -> outputs.add(Tensor.allocate(ot)));
                k.invoke(Invocation.of(c.inputs(), outputs, ByteBuffer.allocate(Math.max(0, k.scratchBytes()))));
                Tensor y = outputs.get(0);
                assertThat(y.dataType()).isEqualTo(type);
                for (int e = 0; e < y.elementCount(); e++) {
                    seen.add(y.getDouble(e));
                }
            }
        }
        assertThat(seen).as(claim + ": distinct output values").hasSizeGreaterThan(type == DataType.FLOAT32 ? 60 : 30);
    }

    private static void checkInvalid(CaseGenerator gen, String op, List<DataType> types) {
        for (DataType type : types) {
            KernelClaim claim = claim(op, type);
            KernelFactory ref = reference(claim);
            Set<String> reasons = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                // as a run draws them: the first fifteen sweep the knobs, the others are random
                dev.vela.conformance.property.CaseId id = new dev.vela.conformance.property.CaseId(3, i);
                InvalidNode n = gen.invalidNodes(claim)
                        .orElseThrow()
                        .generate(id.random(), id.size())
                        .value();
                reasons.add(n.why().replaceAll("[0-9]", ""));
                assertThatThrownBy(() -> ref.prepare(n.node()))
                        .as(n.describe())
                        .isInstanceOf(InvalidNodeException.class);
            }
            assertThat(reasons).as(claim + " invalid kinds").hasSize(3);
        }
    }

    private static KernelClaim claim(String op, DataType type) {
        return new KernelClaim(OpId.parse(op), type, Layout.ANY);
    }

    private static KernelFactory reference(KernelClaim claim) {
        return new ReferenceProvider()
                .factories().stream()
                        .filter(f -> f.claims().contains(claim))
                        .findFirst()
                        .orElseThrow();
    }
}
