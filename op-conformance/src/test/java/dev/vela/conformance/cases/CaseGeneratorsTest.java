package dev.vela.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.conformance.property.CaseId;
import dev.vela.conformance.property.Gen;
import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseGeneratorsTest {

    private static final KernelClaim ADD_F32 = KernelClaim.of(OpId.of("Add"), DataType.FLOAT32);
    private static final KernelClaim ADD_I32 = KernelClaim.of(OpId.of("Add"), DataType.INT32);
    private static final KernelClaim RELU_F32 = KernelClaim.of(OpId.of("Relu"), DataType.FLOAT32);

    private static KernelFactory reference(String op) {
        // the reference as the kit uses it; it defines a float node with a fused activation itself
        return new ReferenceProvider()
                .factories().stream()
                        .filter(f -> f.op().equals(OpId.of(op)))
                        .findFirst()
                        .orElseThrow();
    }

    private static OpCase at(Gen<OpCase> gen, int i) {
        CaseId id = new CaseId(2026, i);
        return gen.generate(id.random(), id.size()).value();
    }

    @Test
    void theRegistryFindsTheGeneratorCoveringAClaim() {
        CaseGenerators gens = CaseGenerators.discover();
        assertThat(gens.find(ADD_F32)).get().extracting(CaseGenerator::op).isEqualTo(OpId.of("Add"));
        assertThat(gens.find(ADD_I32)).isPresent();
        assertThat(gens.find(RELU_F32)).isPresent();
        assertThat(gens.find(KernelClaim.of(OpId.of("Relu"), DataType.INT8))).isPresent(); // plain int8 Relu (opset 14)
        assertThat(gens.find(KernelClaim.of(OpId.of("NoSuchOperator"), DataType.FLOAT32)))
                .isEmpty();
        assertThat(gens.find(KernelClaim.of(OpId.of("Conv"), DataType.FLOAT32))).isEmpty();
    }

    @Test
    void addCasesBroadcastAreValidForTheReferenceAndCoverEdgeShapes() {
        Set<String> labels = new HashSet<>();
        boolean wrapped = false;
        for (KernelClaim claim : new KernelClaim[] {ADD_F32, ADD_I32}) {
            Gen<OpCase> gen = new dev.vela.conformance.cases.ops.AddCases().validCases(claim);
            for (int i = 0; i < 200; i++) {
                OpCase c = at(gen, i);
                labels.addAll(c.labels());
                assertThat(c.inputs())
                        .hasSize(2)
                        .allSatisfy(t -> assertThat(t.dataType()).isEqualTo(claim.dataType()));
                assertThat(c.node().inputType(0)).isEqualTo(c.inputs().get(0).type());
                assertThat(reference("Add").supports(c.node()).isSupported())
                        .as(c.describe())
                        .isTrue();
                if (claim == ADD_I32) {
                    for (int e = 0; e < c.inputs().get(0).elementCount(); e++) {
                        wrapped |= Math.abs(c.inputs().get(0).getLong(e)) > 1_000_000;
                    }
                }
            }
        }
        assertThat(labels)
                .contains(
                        "broadcast",
                        "same shapes",
                        "empty",
                        "scalar operand",
                        "special values",
                        "fused Relu",
                        "fused Clip");
        assertThat(wrapped).as("int32 values reach the range where Add wraps").isTrue();
    }

    @Test
    void invalidNodesAreRefusedByTheReference() {
        Set<String> reasons = new HashSet<>();
        for (KernelClaim claim : new KernelClaim[] {ADD_F32, ADD_I32, RELU_F32}) {
            CaseGenerator g = CaseGenerators.discover().find(claim).orElseThrow();
            Gen<InvalidNode> gen = g.invalidNodes(claim).orElseThrow();
            KernelFactory ref = reference(claim.op().name());
            for (int i = 0; i < 60; i++) {
                CaseId id = new CaseId(9, i);
                InvalidNode n = gen.generate(id.random(), id.size()).value();
                reasons.add(n.why().replaceAll("[:\\[].*", ""));
                assertThatThrownBy(() -> ref.prepare(n.node()))
                        .as(n.describe())
                        .isInstanceOf(InvalidNodeException.class);
            }
        }
        assertThat(reasons)
                .contains(
                        "wrong arity",
                        "mismatched element types float32 and int32",
                        "shapes do not broadcast",
                        "bool input");
    }

    @Test
    void reluCasesCoverRanksEmptyTensorsAndNaN() {
        Gen<OpCase> gen = new dev.vela.conformance.cases.ops.ReluCases().validCases(RELU_F32);
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            labels.addAll(at(gen, i).labels());
        }
        assertThat(labels).contains("rank 0", "rank 5", "empty", "special values");
    }

    @Test
    void describeAndSizeSummariseACase() {
        OpCase c = at(new dev.vela.conformance.cases.ops.ReluCases().validCases(RELU_F32), 30);
        assertThat(c.describe()).startsWith("Relu (opset 21)").contains("input 0: float32[");
        assertThat(c.size().elements()).isEqualTo(c.inputs().get(0).elementCount());
        assertThat(new CaseSize(1, 0, 0)).isLessThan(new CaseSize(2, 0, 0)).isLessThan(new CaseSize(2, 1, 0));
        assertThat(OpCase.values(dev.vela.spi.Tensor.ofFloats(Shape.of(3), 1.5f, Float.NaN, -0f), 2))
                .isEqualTo("[1.500000, NaN, ... (3 values)]");
    }
}
