package dev.vela.conformance.delegate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Partial proposals: every set a delegate proposes is compiled and checked on its own boundary, not only a whole
 * subgraph; a delegate that proposes a set and then refuses to compile it fails {@code proposal-refused}.
 */
class ProposedSetTest {

    @Test
    void aProposedSetIsCutWithTheBoundaryTheRuntimeWouldGiveIt() {
        // the VWW classifier tail: Conv, AveragePool, Reshape (declined), Gemm, Softmax
        KitSubgraph tail = ModelChains.build(new ModelCut(1, "vww_96_int8/classifier-tail", 0, 4))
                .subgraph();
        KitSubgraph head = ProposedSet.cut(tail, Set.of(0, 1));
        assertThat(head.inputs()).containsExactly("x");
        assertThat(head.outputs()).containsExactly("AVERAGE_POOL_2D_27");
        assertThat(head.nodes()).extracting(n -> n.index()).containsExactly(0, 1);
        KitSubgraph rest = ProposedSet.cut(tail, Set.of(3, 4));
        assertThat(rest.inputs()).containsExactly("RESHAPE_28");
        assertThat(rest.outputs()).containsExactly("SOFTMAX_30");
        assertThat(rest.nodes()).extracting(n -> n.name()).containsExactly("FULLY_CONNECTED_29", "SOFTMAX_30");
    }

    @Test
    void eachProposedSetOfACutIsCompiledAndChecked() {
        // the correct delegate takes the runs on both sides of the Reshape it declines: both pass
        String line = new ModelCut(1, "vww_96_int8/classifier-tail", 0, 4).toLine();
        assertThat(new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Gemm", false)).replay(line))
                .isEmpty();
        // wrong only on Gemm, which sits after the declined Reshape: only checking that second set catches it
        assertThat(new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Gemm", true)).replay(line))
                .get()
                .satisfies(f -> {
                    assertThat(f.check()).isEqualTo("numerics");
                    assertThat(f.message()).startsWith("output 'SOFTMAX_30'");
                });
    }

    @Test
    void aDelegateProposingASetItCannotCompileFailsProposalRefused() {
        DelegateCertifier certifier = new DelegateCertifier(ReferencePlanDelegate.compilingWholeGraphsOnly());
        DelegateVerdict v = certifier.certify(20261207, 20);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            System.out.println("whole-graphs-only delegate refused: " + f);
            assertThat(f.check()).isEqualTo("proposal-refused");
            assertThat(f.message())
                    .startsWith("proposed nodes [")
                    .contains("but compile() refused it")
                    .contains("the compiler takes whole graphs only");
            assertThat(f.cut()).isPresent();
            assertThat(certifier.replay(f.replayLine())).isPresent();
        });
        // the generated subgraphs, all claimed and proposed whole, compile: only partial proposals show it
        assertThat(new DelegateCertifier(ReferencePlanDelegate.compilingWholeGraphsOnly())
                        .replay(new SubgraphSpec(4, 3, 3, 3, java.util.List.of(SubgraphSpec.Step.CONV3X3)).toLine()))
                .isEmpty();
    }
}
