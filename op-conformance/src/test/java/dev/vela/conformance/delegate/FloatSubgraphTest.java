package dev.vela.conformance.delegate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.delegate.SubgraphSpec.Kind;
import dev.vela.conformance.delegate.SubgraphSpec.Step;
import dev.vela.conformance.tolerance.ToleranceRule;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Float and mixed-layout subgraphs: generated where the claims allow (float32 NHWC and NCHW), checked against the
 * reference execution with the per-node tolerance accumulated over depth; int8 stays bit-exact.
 */
class FloatSubgraphTest {

    @Test
    void aFloatDelegateWithinThePerNodeToleranceCertifiesForBothLayouts() {
        // 5e-5 per node: inside the policy's per-node rtol (1e-4), so a five-node path is up to 2.5e-4 off: more
        // than one node's tolerance, within five nodes'
        DelegateVerdict v = new DelegateCertifier(ReferencePlanDelegate.claimingFloat(5e-5)).certify(20261207, 45);
        assertThat(v.findings()).isEmpty();
        assertThat(v.exercised())
                .extracting(Object::toString)
                .contains("Conv/float32/NHWC", "Conv/float32/NCHW", "AveragePool/float32/NCHW", "Conv/int8/NHWC");
    }

    @Test
    void oneNodesToleranceWouldRefuseACorrectDelegateOnADeeperSubgraph() {
        // a branch of Convs joined by an Add, then a MaxPool: depth 3
        SubgraphSpec spec = SubgraphSpec.parse(
                "seed=-1084141114332831872 dims=1x1x1x2 steps=BRANCH_ADD,MAXPOOL3X3 kind=float32/NCHW");
        SubgraphBuilder.Built built = SubgraphBuilder.build(spec);
        KitSubgraph g = built.subgraph();
        Tensor want = SubgraphRun.reference(g, built.inputs()).get(0);
        try (Kernel k = ReferencePlanDelegate.claimingFloat(5e-5).compile(g)) {
            Tensor got = Tensor.allocate(k.outputTypes().get(0));
            k.invoke(Invocation.of(built.inputs(), List.of(got), ByteBuffer.allocateDirect(k.scratchBytes())));
            ToleranceRule rule = DepthTolerance.perNode(g, DataType.FLOAT32);
            assertThat(DepthTolerance.depths(g).get(g.outputs().get(0))).isEqualTo(3);
            assertThat(DepthTolerance.outside(got, want, 1, rule)).isPresent();
            assertThat(DepthTolerance.outside(got, want, 3, rule)).isEmpty();
        }
    }

    @Test
    void aFloatDelegateOutsideTheDepthToleranceIsRefusedOnAFloatSubgraph() {
        DelegateCertifier wrong = new DelegateCertifier(ReferencePlanDelegate.claimingFloat(3e-3));
        DelegateVerdict v = wrong.certify(20261207, 45);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            System.out.println("float delegate refused: " + f);
            assertThat(f.check()).isEqualTo("numerics");
            assertThat(f.message()).contains("allowed at depth");
            assertThat(f.replayLine()).contains(" kind=float32/");
            assertThat(wrong.replay(f.replayLine())).isPresent();
            assertThat(new DelegateCertifier(ReferencePlanDelegate.claimingFloat(0)).replay(f.replayLine()))
                    .isEmpty();
        });
    }

    @Test
    void aClaimForAnyLayoutIsExercisedInBothLayoutsAndCertifiedAsClaimed() {
        DelegateVerdict v =
                new DelegateCertifier(ReferencePlanDelegate.claimingFloatConvForAnyLayout()).certify(20261207, 10);
        assertThat(v.findings()).isEmpty();
        assertThat(v.exercised()).extracting(Object::toString).containsExactly("Conv/float32/ANY");
        SubgraphSpec nchw = new SubgraphSpec(2, 3, 3, 2, List.of(Step.CONV3X3, Step.CONV1X1), Kind.FLOAT32_NCHW);
        assertThat(new DelegateCertifier(ReferencePlanDelegate.claimingFloatConvForAnyLayout()).replay(nchw.toLine()))
                .isEmpty();
    }

    @Test
    void nchwSubgraphsHoldOnnxLayoutNodes() {
        SubgraphSpec spec = new SubgraphSpec(
                9,
                4,
                3,
                2,
                List.of(Step.PAD_CONV, Step.CONCAT_CONV, Step.MAXPOOL3X3, Step.ADD_RESIDUAL, Step.SOFTMAX),
                Kind.FLOAT32_NCHW);
        KitSubgraph g = SubgraphBuilder.build(spec).subgraph();
        assertThat(g.valueType("x").orElseThrow().shape().dims()).containsExactly(1, 2, 4, 3);
        assertThat(g.nodes().get(1).attributes().has("data_format")).isFalse();
        assertThat(SubgraphSpec.parse(spec.toLine())).isEqualTo(spec);
        assertThat(new DelegateCertifier(ReferencePlanDelegate.claimingFloat(0)).replay(spec.toLine()))
                .isEmpty();
    }

    @Test
    void theToleranceGrowsWithDepth() {
        ToleranceRule rule = new ToleranceRule(DataType.FLOAT32, 1e-5, 1e-4, 0, 0);
        Tensor want = Tensor.ofFloats(Shape.of(2), 1f, -2f);
        Tensor got = Tensor.ofFloats(Shape.of(2), 1f, -2f - 6e-4f); // 3e-4 relative to the largest magnitude
        assertThat(DepthTolerance.outside(got, want, 1, rule)).get().asString().contains("at depth 1");
        assertThat(DepthTolerance.outside(got, want, 5, rule)).isEmpty();
        // integers are never judged by it: an int8 subgraph must be bit-exact whatever its depth
        assertThat(new DelegateCertifier(new ReferencePlanDelegate(true))
                        .replay(new SubgraphSpec(3, 4, 4, 3, List.of(Step.BRANCH_ADD, Step.CONV1X1)).toLine()))
                .get()
                .extracting(DelegateFinding::message)
                .asString()
                .contains("bit-exact required");
    }

    @Test
    void depthIsTheLongestPathOfNodes() {
        KitSubgraph g = SubgraphBuilder.build(
                        new SubgraphSpec(1, 2, 2, 2, List.of(Step.BRANCH_ADD, Step.CONV1X1), Kind.FLOAT32_NHWC))
                .subgraph();
        // a branch (Conv then Add on each side) then a Conv: three nodes on the longest path
        assertThat(DepthTolerance.depths(g).get(g.outputs().get(0))).isEqualTo(3);
    }
}
