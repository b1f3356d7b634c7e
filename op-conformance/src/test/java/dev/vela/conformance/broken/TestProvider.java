package dev.vela.conformance.broken;

import dev.vela.spi.DeviceKind;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderInfo;
import java.util.List;

/** A provider made of given factories, for tests. */
public record TestProvider(String id, List<KernelFactory> factories) implements OperatorProvider {

    /**
     * @param id provider id
     * @param factories its factories
     * @return the provider
     */
    public static TestProvider of(String id, KernelFactory... factories) {
        return new TestProvider(id, List.of(factories));
    }

    @Override
    public ProviderInfo info() {
        return ProviderInfo.of(id, "Vela tests", "0.0.1", DeviceKind.CPU);
    }
}
