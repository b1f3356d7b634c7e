package dev.vela.samples.nativenpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.delegate.DelegateCertifier;
import dev.vela.conformance.delegate.DelegateFinding;
import dev.vela.conformance.delegate.DelegateVerdict;
import dev.vela.conformance.delegate.SubgraphSpec.Step;
import org.junit.jupiter.api.Test;

/**
 * The kit's subgraph certification of native-npu's delegate in the build: the delegate certifies for Conv, Add, Pad,
 * MaxPool, AveragePool, Softmax and Gemm (fully connected tails over rows); the planted-bug delegate is refused with a two-step Add → Conv subgraph and a replay line that reproduces it.
 */
class NpuDelegateCertificationTest {

    private static final long SEED = 20261120;

    @Test
    void theDelegateCertifiesOnGeneratedSubgraphs() {
        DelegateVerdict v =
                new DelegateCertifier(new NativeNpuProvider().delegate().orElseThrow()).certify(SEED, 60);
        assertThat(v.findings()).isEmpty();
        assertThat(v.certified()).isTrue();
        // and every chain cut from a real model (VWW, ResNet, KWS, AD, MobileNetV2 blocks, input and classifier tails):
        // each proposed set is compiled, those around the Reshapes it declines included, and bit-exact
        assertThat(v.cuts()).isEqualTo(10);
        assertThat(v.exercised())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "Conv/int8/NHWC",
                        "Add/int8/ANY",
                        "Pad/int8/ANY",
                        "MaxPool/int8/NHWC",
                        "AveragePool/int8/NHWC",
                        "Softmax/int8/ANY",
                        "Gemm/int8/ANY",
                        // only MobileNetV2's input Transpose and classifier-tail MEAN reach these two
                        "Transpose/int8/ANY",
                        "ReduceMean/int8/ANY");
    }

    @Test
    void thePlantedBugDelegateIsRefusedWithAMinimalFailingSubgraphAndAReplayLine() {
        DelegateCertifier certifier =
                new DelegateCertifier(new PlantedBugNpuDelegate(new NativeNpuProvider()::factories));
        DelegateVerdict v = certifier.certify(SEED, 60);
        assertThat(v.certified()).isFalse();
        DelegateFinding f = v.findings().get(0);
        System.out.println("planted-bug delegate refused: " + f);
        assertThat(f.check()).isEqualTo("numerics");
        assertThat(f.minimal().steps()).hasSize(2);
        assertThat(f.minimal().steps().get(0)).isIn(Step.ADD_RESIDUAL, Step.ADD_INPUT);
        assertThat(f.minimal().steps().get(1)).isIn(Step.CONV1X1, Step.CONV3X3, Step.BRANCH_ADD);
        assertThat(certifier.replay(f.replayLine()))
                .get()
                .extracting(DelegateFinding::check)
                .isEqualTo("numerics");
        assertThat(new DelegateCertifier(new NativeNpuProvider().delegate().orElseThrow()).replay(f.replayLine()))
                .isEmpty();
    }
}
