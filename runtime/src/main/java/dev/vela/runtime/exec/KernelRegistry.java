package dev.vela.runtime.exec;

import dev.vela.spi.KernelFactory;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.OpId;
import dev.vela.spi.ProviderDiscovery;
import dev.vela.spi.VelaException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kernel factories of one operator provider, looked up by operator. */
public final class KernelRegistry {

    /** The id of the golden reference provider. */
    public static final String REFERENCE_PROVIDER = "vela-reference";

    private static volatile KernelRegistry defaultRegistry;

    private final String providerId;
    private final Map<OpId, KernelFactory> factories;
    private final List<KernelFactory> factoryList;

    private KernelRegistry(String providerId, List<KernelFactory> factories) {
        this.providerId = providerId;
        Map<OpId, KernelFactory> byOp = new HashMap<>();
        for (KernelFactory f : factories) {
            byOp.putIfAbsent(f.op(), f);
        }
        this.factories = Map.copyOf(byOp);
        this.factoryList = List.copyOf(factories);
    }

    /**
     * Finds a provider with {@link ProviderDiscovery} (ServiceLoader) and takes its factories.
     *
     * @param loader where to look
     * @param providerId the provider to use, e.g. {@link #REFERENCE_PROVIDER}
     * @return the registry
     * @throws VelaException when no such provider is on the class path
     */
    public static KernelRegistry discover(ClassLoader loader, String providerId) {
        for (OperatorProvider p : ProviderDiscovery.discover(loader)) {
            if (p.info().id().equals(providerId)) {
                return new KernelRegistry(providerId, p.factories());
            }
        }
        throw new VelaException("no operator provider '" + providerId + "' found on the class path");
    }

    /** @return the reference provider's registry, discovered once with this class's loader */
    public static KernelRegistry reference() {
        KernelRegistry r = defaultRegistry;
        if (r == null) {
            r = discover(KernelRegistry.class.getClassLoader(), REFERENCE_PROVIDER);
            defaultRegistry = r;
        }
        return r;
    }

    /** @return a registry over the given factories (for tests and embedding) */
    public static KernelRegistry of(String providerId, List<KernelFactory> factories) {
        return new KernelRegistry(providerId, factories);
    }

    /** @return the provider id */
    public String providerId() {
        return providerId;
    }

    /** @return every operator the provider implements, sorted */
    public java.util.SortedSet<OpId> ops() {
        return new java.util.TreeSet<>(factories.keySet());
    }

    /** @return every factory of the provider */
    public List<KernelFactory> factories() {
        return factoryList;
    }

    /** @return the factory for an operator, if the provider has one */
    public Optional<KernelFactory> find(OpId op) {
        return Optional.ofNullable(factories.get(op));
    }
}
