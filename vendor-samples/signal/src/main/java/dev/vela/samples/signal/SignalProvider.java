package dev.vela.samples.signal;

import dev.vela.samples.signal.ops.EnergyOp;
import dev.vela.samples.signal.ops.FftAutoScaleOp;
import dev.vela.samples.signal.ops.FilterBankLogOp;
import dev.vela.samples.signal.ops.FilterBankOp;
import dev.vela.samples.signal.ops.FilterBankSquareRootOp;
import dev.vela.samples.signal.ops.PcanOp;
import dev.vela.samples.signal.ops.RfftOp;
import dev.vela.samples.signal.ops.SignalOp;
import dev.vela.samples.signal.ops.SpectralSubtractionOp;
import dev.vela.samples.signal.ops.WindowOp;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.SpiVersion;
import java.util.List;

/**
 * The signal sample: defines the nine TFLite Micro signal-library operators that
 * {@code audio_preprocessor_int8.tflite} and {@code audio_preprocessor_float.tflite} use, in the {@code tflite}
 * domain, and implements them. Each definition's reference implementation is the operator class itself (written
 * for clarity, bit-exact with TFLite Micro); the evidence that it is right comes from outside the plugin: the
 * admission cases under {@code META-INF/vela/cases/} are TFLite Micro's own kernel-test vectors.
 */
public final class SignalProvider implements OperatorProvider {
    /** The provider id, used in certificates and placement reports. */
    public static final String ID = "signal-sample";

    private static final ProviderInfo INFO =
            new ProviderInfo(ID, "Vela samples", "0.1.0", DeviceKind.CPU, SpiVersion.CURRENT, 100);

    private final List<SignalOp> ops = List.of(
            new WindowOp(),
            new FftAutoScaleOp(),
            new RfftOp(),
            new EnergyOp(),
            new FilterBankOp(),
            new FilterBankSquareRootOp(),
            new SpectralSubtractionOp(),
            new PcanOp(),
            new FilterBankLogOp());

    /** Creates the provider (public no-argument constructor, as ServiceLoader requires). */
    public SignalProvider() {}

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public List<OperatorDefinition> definitions() {
        return ops.stream().map(SignalOp::definition).toList();
    }

    @Override
    public List<KernelFactory> factories() {
        return List.copyOf(ops);
    }
}
