package dev.vela.reference.nn;

import dev.vela.spi.KernelFactory;
import java.util.List;

/** The reference factories for convolution, pooling, normalisation, resizing, padding and space/depth rearrangement. */
public final class NnOps {

    private NnOps() {}

    /** @return one factory per operator of this family */
    public static List<KernelFactory> all() {
        return List.of(
                new Conv(),
                new ConvTranspose(),
                new MaxPool(),
                new AveragePool(),
                new LpPool(),
                new GlobalAveragePool(),
                new GlobalMaxPool(),
                new BatchNormalization(),
                new InstanceNormalization(),
                new LayerNormalization(),
                new LRN(),
                new Pad(),
                new DepthToSpace(),
                new SpaceToDepth(),
                new Resize());
    }
}
