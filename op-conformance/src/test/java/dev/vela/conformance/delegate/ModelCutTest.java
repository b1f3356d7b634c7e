package dev.vela.conformance.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.OpId;
import org.junit.jupiter.api.Test;

/**
 * Subgraphs cut from real models: the chains keep the models' shapes and wiring, every one runs on the reference
 * and passes a correct delegate, and a delegate wrong only on a shape the generated subgraphs never have (a
 * stride-2 Conv) is refused on a minimal cut with a replay line that reproduces it.
 */
class ModelCutTest {

    @Test
    void theChainsCoverTheModelsBlocksWithTheirWiring() {
        assertThat(ModelChains.names())
                .contains(
                        "vww_96_int8/depthwise-pointwise-stride2",
                        "pretrainedResnet_quant/residual-block-projection",
                        "kws_ref_model/ds-cnn-blocks",
                        "ad01_int8/encoder",
                        "mobilenet_v2_quantized/inverted-residual",
                        "vww_96_float/depthwise-pointwise-stride2");
        // a ResNet block: two strided Convs read the block's input, the Add joins the shortcut and the main path
        KitSubgraph block = ModelChains.build(new ModelCut(3, "pretrainedResnet_quant/residual-block-projection", 0, 3))
                .subgraph();
        assertThat(block.inputs()).containsExactly("x");
        assertThat(block.nodes().get(3).inputs()).containsExactly("CONV_2D_10", "CONV_2D_9");
        assertThat(block.valueType("x").orElseThrow().shape().dims()).containsExactly(1, 16, 16, 32);
        assertThat(block.outputs()).containsExactly("ADD_11");
        // a cut of the block's first two Convs: both feed nodes outside it, so both are boundary outputs
        KitSubgraph firstTwo = ModelChains.build(
                        new ModelCut(3, "pretrainedResnet_quant/residual-block-projection", 0, 1))
                .subgraph();
        assertThat(firstTwo.outputs()).containsExactly("CONV_2D_8", "CONV_2D_10");
        // MobileNetV2's inverted residual: the Pad keeps the model's amounts and fill (structure, not weights)
        KitSubgraph inverted = ModelChains.build(new ModelCut(3, "mobilenet_v2_quantized/inverted-residual", 0, 4))
                .subgraph();
        assertThat(inverted.constant("PAD_44_in1").orElseThrow().toLongArray()).containsExactly(0, 1, 1, 0, 0, 1, 1, 0);
        assertThat(inverted.constant("PAD_44_in2").orElseThrow().getLong(0)).isEqualTo(13);
    }

    @Test
    void aCorrectDelegatePassesEveryCutAndTheVerdictCountsThem() {
        DelegateVerdict v = new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Gemm", false)).certify(5, 4);
        assertThat(v.findings()).isEmpty();
        // every int8 chain; the float one holds no node this int8 delegate claims
        assertThat(v.cuts()).isEqualTo(ModelChains.names().size() - 1);
    }

    @Test
    void aClaimOnlyARealModelsLayersReachIsExercisedByTheCuts() {
        KernelClaim reshape = KernelClaim.of(OpId.of("Reshape"), DataType.INT8);
        DelegateVerdict v = new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Reshape", false)).certify(5, 4);
        assertThat(v.findings()).isEmpty();
        // no generated subgraph holds a Reshape; the classifier tails of VWW, ResNet and KWS do
        assertThat(v.exercised()).contains(reshape);

        DelegateVerdict wrong =
                new DelegateCertifier(ReferencePlanDelegate.alsoClaiming("Reshape", true)).certify(5, 4);
        assertThat(wrong.certified()).isFalse();
        assertThat(wrong.findings().get(0).replayLine()).contains("cut=");
    }

    @Test
    void aFloatDelegateRunsTheFloatModelsChainTooTakingItsConvsAroundTheReluItDeclines() {
        String line = new ModelCut(2, "vww_96_float/depthwise-pointwise-stride2", 0, 7).toLine();
        KitSubgraph g = ModelChains.build(ModelCut.parse(line)).subgraph();
        assertThat(g.nodes()).extracting(n -> n.op().name()).containsSequence("Conv", "Relu", "Conv", "Relu");
        assertThat(g.valueType("x").orElseThrow().shape().dims()).containsExactly(1, 24, 24, 32);
        assertThat(new DelegateCertifier(ReferencePlanDelegate.claimingFloat(5e-5)).replay(line))
                .isEmpty();
        // each Conv is its own set, one node deep: 3e-3 per node is outside even one node's tolerance
        assertThat(new DelegateCertifier(ReferencePlanDelegate.claimingFloat(3e-3)).replay(line))
                .get()
                .extracting(DelegateFinding::message)
                .asString()
                .contains("allowed at depth 1");
        DelegateVerdict v = new DelegateCertifier(ReferencePlanDelegate.claimingFloat(5e-5)).certify(5, 4);
        assertThat(v.findings()).isEmpty();
        // every chain but the AD encoder, whose int8 Gemms it does not claim
        assertThat(v.cuts()).isEqualTo(ModelChains.names().size() - 1);
    }

    @Test
    void aDelegateWrongOnlyOnARealModelsStridedConvIsRefusedOnAMinimalCut() {
        DelegateCertifier buggy = new DelegateCertifier(ReferencePlanDelegate.wrongOnStridedConvs());
        DelegateVerdict v = buggy.certify(20261207, 40);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            System.out.println("strided-Conv delegate refused: " + f);
            assertThat(f.check()).isEqualTo("numerics");
            ModelCut cut = f.cut().orElseThrow();
            assertThat(cut.size()).isEqualTo(1);
            assertThat(f.replayLine())
                    .startsWith("replay: seed=")
                    .contains(" cut=")
                    .contains(" nodes=");
            assertThat(f.toString()).contains("1 node(s) cut from a real model");
            // the line reproduces it, and the correct delegate passes the same cut
            assertThat(buggy.replay(f.replayLine()))
                    .get()
                    .extracting(DelegateFinding::check)
                    .isEqualTo("numerics");
            assertThat(new DelegateCertifier(new ReferencePlanDelegate(false)).replay(f.replayLine()))
                    .isEmpty();
        });
        // the generated subgraphs alone never show the fault: each of them has stride 1
        for (int i = 0; i < 40; i++) {
            SubgraphSpec spec = new SubgraphSpec(
                    i, 3, 3, 2, java.util.List.of(SubgraphSpec.Step.CONV3X3, SubgraphSpec.Step.CONV1X1));
            assertThat(buggy.replay(spec.toLine())).isEmpty();
        }
    }

    @Test
    void cutLinesRoundTripAndBadOnesAreNamed() {
        ModelCut cut = new ModelCut(-7, "kws_ref_model/ds-cnn-blocks", 1, 2);
        assertThat(KitCase.parse(cut.toLine())).isEqualTo(cut);
        assertThat(cut.toLine()).isEqualTo("seed=-7 cut=kws_ref_model/ds-cnn-blocks nodes=1..2");
        assertThatThrownBy(() -> ModelCut.parse("seed=1 cut=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 'seed=S cut=CHAIN nodes=A..B'");
        assertThatThrownBy(() ->
                        new DelegateCertifier(new ReferencePlanDelegate(false)).replay("seed=1 cut=nope nodes=0..0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no chain 'nope'");
        assertThatThrownBy(() -> ModelChains.build(new ModelCut(1, "ad01_int8/encoder", 0, 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 5 nodes");
    }
}
