package dev.vela.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds {@link OperatorProvider}s with {@link ServiceLoader}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class ProviderDiscovery {

    private ProviderDiscovery() {}

    /**
     * @param loader where to look
     * @return the providers found, highest priority first
     * @throws VelaException naming the provider class if one cannot be instantiated
     */
    public static List<OperatorProvider> discover(ClassLoader loader) {
        List<OperatorProvider> found = new ArrayList<>();
        try {
            for (OperatorProvider p : ServiceLoader.load(OperatorProvider.class, loader)) {
                found.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new VelaException("cannot load an operator provider: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparingInt((OperatorProvider p) -> p.info().priority())
                .reversed());
        return found;
    }
}
