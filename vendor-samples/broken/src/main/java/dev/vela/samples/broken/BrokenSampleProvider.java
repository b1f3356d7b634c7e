package dev.vela.samples.broken;

import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import java.util.List;

/**
 * A plugin the admission gate must refuse: four float32 kernels, each with a bug of the kind real
 * kernels ship with. Do not copy these kernels; each class says what is wrong with it.
 *
 * <ul>
 *   <li>{@link ConvIgnoringEndPads}: assumes pads are symmetric and ignores the end pads;</li>
 *   <li>{@link AddWithSuffixBroadcast}: broadcasts by wrapping the flat index, right only when the
 *       smaller operand's shape is a suffix of the output's;</li>
 *   <li>{@link ReluSwallowingNan}: {@code x > 0 ? x : 0} turns NaN into 0;</li>
 *   <li>{@link SigmoidInPlace}: uses its input as scratch to save a buffer.</li>
 * </ul>
 */
public final class BrokenSampleProvider implements OperatorProvider {

    /** The provider id reports and certificates use. */
    public static final String ID = "broken-sample";

    @Override
    public ProviderInfo info() {
        return ProviderInfo.of(ID, "Vela samples", "0.1.0", DeviceKind.CPU);
    }

    @Override
    public List<KernelFactory> factories() {
        return List.of(
                new ConvIgnoringEndPads(), new AddWithSuffixBroadcast(), new ReluSwallowingNan(), new SigmoidInPlace());
    }
}
