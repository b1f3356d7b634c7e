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
