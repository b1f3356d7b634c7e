package dev.vela.samples.signal.speech;

import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.runtime.plugin.ReferenceProviders;
import dev.vela.samples.signal.SignalProvider;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The runtime's providers for the tests: the reference plus the signal sample admitted without a certificate (so the
 * custom nodes run on the definitions' reference implementations, which in this sample are the operator classes).
 * The certified jar loaded from a plugins directory is {@code vendor-samples/runtime-it}'s business.
 */
final class SignalPlugins {
    private SignalPlugins() {}

    static Partitioner partitioner() {
        List<AdmittedProvider> admitted = new ArrayList<>();
        for (OperatorProvider p : ProviderDiscovery.discover(SignalPlugins.class.getClassLoader())) {
            if (ReferenceProviders.isReference(p)) {
                admitted.add(new AdmittedProvider(p, "class path", Set.of(), false));
            }
        }
        admitted.add(new AdmittedProvider(new SignalProvider(), "class path", Set.of(), false));
        return Partitioner.of(new PluginSet(admitted, List.of(), List.of(), false), List.of());
    }
}
