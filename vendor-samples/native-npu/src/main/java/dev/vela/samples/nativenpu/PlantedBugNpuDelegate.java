package dev.vela.samples.nativenpu;

import dev.vela.spi.KernelFactory;
import java.util.List;
import java.util.function.Supplier;

/**
 * The native-npu delegate with a planted bug for the gate to find: when an Add feeds a Conv directly inside a
 * partition, the Conv's first output element is one too high (wrapping). Every partition without that adjacency is
 * right, so only subgraphs holding an Add → Conv edge expose it.
 *
 * @since 0.2
 */
public final class PlantedBugNpuDelegate extends NpuDelegate {

    /** @param factories the provider's per-node factories */
    public PlantedBugNpuDelegate(Supplier<List<KernelFactory>> factories) {
        super(factories);
    }

    @Override
    boolean plantsAddConvBug() {
        return true;
    }
}
