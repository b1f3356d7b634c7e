package dev.vela.samples.signalbroken;

import dev.vela.samples.signal.SignalProvider;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.SpiVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The signal sample with two planted bugs, for the demo that the gate refuses them: the definitions (with their
 * correct reference implementations) and the admission cases are the signal sample's, seven kernels are its too, and
 * two are wrong: {@link ForgetfulSpectralSubtraction} and {@link TruncatingFilterBankLog}.
 */
public final class BrokenSignalProvider implements OperatorProvider {
    /** The provider id. */
    public static final String ID = "signal-broken-sample";

    private static final ProviderInfo INFO =
            new ProviderInfo(ID, "Vela samples", "0.1.0", DeviceKind.CPU, SpiVersion.CURRENT, 100);

    private final SignalProvider correct = new SignalProvider();

    /** Creates the provider (public no-argument constructor, as ServiceLoader requires). */
    public BrokenSignalProvider() {}

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    @Override
    public List<OperatorDefinition> definitions() {
        return correct.definitions();
    }

    @Override
    public List<KernelFactory> factories() {
        List<KernelFactory> out = new ArrayList<>();
        for (KernelFactory f : correct.factories()) {
            out.add(
                    switch (f.op().name()) {
                        case "SignalFilterBankSpectralSubtraction" -> new ForgetfulSpectralSubtraction();
                        case "SignalFilterBankLog" -> new TruncatingFilterBankLog();
                        default -> f;
                    });
        }
        return out;
    }
}
