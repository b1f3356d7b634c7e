package dev.vela.conformance.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.conformance.delegate.SubgraphSpec.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delegate kit: a correct delegate certifies on generated subgraphs; one wrong only when an Add feeds a Conv is
 * refused with that two-step subgraph as the minimal failure and a replay line that reproduces it.
 */
class DelegateCertifierTest {

    @Test
    void aCorrectDelegateCertifiesForTheClaimsTheSubgraphsExercised() {
        DelegateVerdict v = new DelegateCertifier(new ReferencePlanDelegate(false)).certify(20261207, 40);
        assertThat(v.findings()).isEmpty();
        assertThat(v.certified()).isTrue();
        assertThat(v.exercised())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "Conv/int8/NHWC",
                        "Add/int8/ANY",
                        "Pad/int8/ANY",
                        "MaxPool/int8/NHWC",
                        "AveragePool/int8/NHWC",
                        "Softmax/int8/ANY");
    }

    @Test
    void poolingAndSoftmaxStepsRunBitExactOnTheReferencePlan() {
        SubgraphSpec spec = new SubgraphSpec(
                11, 5, 4, 6, List.of(Step.CONV3X3, Step.MAXPOOL3X3, Step.AVGPOOL3X3, Step.ADD_RESIDUAL, Step.SOFTMAX));
        KitSubgraph g = SubgraphBuilder.build(spec).subgraph();
        assertThat(g.nodes())
                .extracting(n -> n.op().name())
                .containsExactly("Conv", "MaxPool", "AveragePool", "Add", "Softmax");
        assertThat(new DelegateCertifier(new ReferencePlanDelegate(false)).replay(spec.toLine()))
                .isEmpty();
    }

    @Test
    void aDelegateWrongOnlyWhenAnAddFeedsAConvIsRefusedWithAMinimalSubgraphAndAReplay() {
        DelegateCertifier buggy = new DelegateCertifier(new ReferencePlanDelegate(true));
        DelegateVerdict v = buggy.certify(20261207, 40);
        assertThat(v.certified()).isFalse();
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("numerics");
            assertThat(f.minimal().steps()).hasSize(2);
            assertThat(f.minimal().steps().get(0)).isIn(Step.ADD_RESIDUAL, Step.ADD_INPUT);
            // the second step starts with a Conv reading the Add's output (a branch starts with two)
            assertThat(f.minimal().steps().get(1)).isIn(Step.CONV1X1, Step.CONV3X3, Step.BRANCH_ADD);
            assertThat(f.minimal().height() * f.minimal().width() * f.minimal().channels())
                    .isEqualTo(1);
            assertThat(f.replayLine()).startsWith("replay: seed=").contains("dims=1x1x1x1");
            // the line reproduces it; the correct delegate passes the same subgraph
            assertThat(buggy.replay(f.replayLine()))
                    .get()
                    .extracting(DelegateFinding::check)
                    .isEqualTo("numerics");
            assertThat(new DelegateCertifier(new ReferencePlanDelegate(false)).replay(f.replayLine()))
                    .isEmpty();
        });
    }

    @Test
    void aDelegateClaimingGemmIsCertifiedForItOnFullyConnectedRowSubgraphs() {
        DelegateVerdict v =
                new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Gemm", false)).certify(20261207, 40);
        assertThat(v.findings()).isEmpty();
        assertThat(v.exercised()).extracting(Object::toString).contains("Gemm/int8/ANY", "Conv/int8/NHWC");
        // a fully connected tail as real models end: Gemm, a residual Add over rows, Softmax
        SubgraphSpec tail = new SubgraphSpec(3, 2, 3, 5, List.of(Step.GEMM, Step.ADD_RESIDUAL, Step.SOFTMAX));
        KitSubgraph g = SubgraphBuilder.build(tail).subgraph();
        assertThat(g.nodes()).extracting(n -> n.op().name()).containsExactly("Gemm", "Add", "Softmax");
        assertThat(g.valueType("x").orElseThrow().shape().dims()).containsExactly(6, 5);
        assertThat(new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Gemm", false)).replay(tail.toLine()))
                .isEmpty();
    }

    @Test
    void aDelegateWrongOnlyOnGemmIsRefusedWithAOneGemmSubgraph() {
        DelegateCertifier buggy = new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Gemm", true));
        DelegateVerdict v = buggy.certify(20261207, 40);
        assertThat(v.certified()).isFalse();
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("numerics");
            assertThat(f.minimal().steps()).containsExactly(Step.GEMM);
            assertThat(f.replayLine()).contains("steps=GEMM");
            assertThat(buggy.replay(f.replayLine())).isPresent();
            assertThat(new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Gemm", false)).replay(f.replayLine()))
                    .isEmpty();
        });
        // without a Gemm claim no Gemm is generated, so the same bug cannot show
        assertThat(new DelegateCertifier(
                                ReferencePlanDelegate.alsoClaiming("Gemm", true),
                                c -> !c.op().name().equals("Gemm"))
                        .certify(20261207, 40)
                        .findings())
                .isEmpty();
    }

    @Test
    void aDelegateClaimingConcatIsCertifiedForItAndOneWrongOnlyOnConcatIsRefused() {
        DelegateVerdict v =
                new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Concat", false)).certify(20261207, 40);
        assertThat(v.findings()).isEmpty();
        assertThat(v.exercised()).extracting(Object::toString).contains("Concat/int8/ANY");
        SubgraphSpec spec = new SubgraphSpec(5, 3, 2, 3, List.of(Step.CONCAT_CONV, Step.ADD_RESIDUAL));
        assertThat(SubgraphBuilder.build(spec).subgraph().nodes())
                .extracting(n -> n.op().name())
                .containsExactly("Conv", "Conv", "Concat", "Conv", "Add");
        assertThat(new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Concat", false)).replay(spec.toLine()))
                .isEmpty();

        DelegateCertifier buggy = new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Concat", true));
        DelegateVerdict refused = buggy.certify(20261207, 40);
        assertThat(refused.certified()).isFalse();
        assertThat(refused.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("numerics");
            // a one-high element can vanish in the 1x1 Conv after the Concat, so the minimum may hold two of them
            assertThat(f.minimal().steps()).containsOnly(Step.CONCAT_CONV);
            assertThat(buggy.replay(f.replayLine())).isPresent();
        });
    }

    @Test
    void aGemmSubgraphHoldsOnlyRowSteps() {
        assertThatThrownBy(() -> new SubgraphSpec(1, 2, 2, 2, List.of(Step.GEMM, Step.CONV1X1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GEMM runs over rows");
    }

    @Test
    void replayLinesRoundTripAndMalformedOnesAreRefusedClearly() {
        SubgraphSpec spec = new SubgraphSpec(-5, 2, 3, 4, List.of(Step.PAD_CONV, Step.ADD_INPUT));
        assertThat(SubgraphSpec.parse(spec.toLine())).isEqualTo(spec);
        assertThatThrownBy(() -> SubgraphSpec.parse("seed=1 steps=CONV1X1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 'seed=S");
    }

    @Test
    void generatedSubgraphsIncludeBranchesJoinedByAnAdd() {
        SubgraphSpec branch = new SubgraphSpec(3, 4, 4, 3, List.of(Step.BRANCH_ADD, Step.ADD_RESIDUAL));
        KitSubgraph g = SubgraphBuilder.build(branch).subgraph();
        assertThat(g.nodes()).extracting(n -> n.op().name()).containsExactly("Conv", "Conv", "Add", "Add");
        assertThat(new DelegateCertifier(new ReferencePlanDelegate(false)).replay(branch.toLine()))
                .isEmpty();
        // a branch joined by an Add that feeds a Conv: the planted bug shows
        assertThat(new DelegateCertifier(new ReferencePlanDelegate(true))
                        .replay(new SubgraphSpec(3, 4, 4, 3, List.of(Step.BRANCH_ADD, Step.CONV1X1)).toLine()))
                .get()
                .extracting(DelegateFinding::check)
                .isEqualTo("numerics");
    }

    @Test
    void aDelegateWritingPastItsOutputIsCaughtByTheGuardBytes() {
        DelegateVerdict v = new DelegateCertifier(PlantedDelegates.writingPastItsOutput()).certify(7, 3);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("writes-outside");
            assertThat(f.message()).contains("guard byte 1 after its end changed");
            assertThat(f.minimal().steps()).hasSize(1);
        });
    }

    @Test
    void aDelegateConcurrentOnlyInNameIsCaughtByTwoThreads() {
        DelegateVerdict v = new DelegateCertifier(PlantedDelegates.concurrentInNameOnly()).certify(7, 2);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("concurrency");
            assertThat(f.message()).contains("declares isConcurrent() but two threads");
        });
        // run one at a time, the same kernels are right: the kit's other checks pass them
        assertThat(new DelegateCertifier(new ReferencePlanDelegate(false))
                        .certify(7, 2)
                        .findings())
                .isEmpty();
    }

    @Test
    void aSlowDelegateFailsALatencyBudgetAndPassesWithoutOne() {
        DelegateVerdict v = new DelegateCertifier(PlantedDelegates.slow())
                .withLatencyBudget(5)
                .certify(7, 1);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("latency");
            assertThat(f.message()).contains("exceeds the budget of 5.000 ms");
        });
        assertThat(new DelegateCertifier(PlantedDelegates.slow()).certify(7, 1).findings())
                .isEmpty();
        assertThatThrownBy(() -> new DelegateCertifier(PlantedDelegates.slow()).withLatencyBudget(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDelegateProposingANonConvexSetFailsPartitionHonesty() {
        DelegateVerdict v = new DelegateCertifier(PlantedDelegates.proposingAroundAHole()).certify(7, 20);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("partition-honesty");
            assertThat(f.message()).contains("not convex: a path leaves it through node '");
        });
    }
}
