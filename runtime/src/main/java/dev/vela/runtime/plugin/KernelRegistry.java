package dev.vela.runtime.plugin;

import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ProviderDiscovery;
import dev.vela.spi.VelaException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kernel factories of one operator provider, looked up by operator. */
public final class KernelRegistry {

    private static volatile KernelRegistry defaultRegistry;

    private final String providerId;
    private final boolean reference;
    private final Map<OpId, KernelFactory> factories;
    private final List<KernelFactory> factoryList;

    private KernelRegistry(String providerId, boolean reference, List<KernelFactory> factories) {
        this.providerId = providerId;
        this.reference = reference;
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
     * @param providerId the id of the provider to use
     * @return the registry
     * @throws VelaException when no such provider is on the class path
     */
    public static KernelRegistry discover(ClassLoader loader, String providerId) {
        for (OperatorProvider p : ProviderDiscovery.discover(loader)) {
            if (p.info().id().equals(providerId)) {
                return new KernelRegistry(providerId, ReferenceProviders.isReference(p), p.factories());
            }
        }
        throw new VelaException("no operator provider '" + providerId + "' found on the class path");
    }

    /** @return the reference provider's registry, discovered once with this class's loader */
    public static KernelRegistry reference() {
        KernelRegistry r = defaultRegistry;
        if (r == null) {
            r = discoverReference(KernelRegistry.class.getClassLoader());
            defaultRegistry = r;
        }
        return r;
    }

    private static KernelRegistry discoverReference(ClassLoader loader) {
        for (OperatorProvider p : ProviderDiscovery.discover(loader)) {
            if (ReferenceProviders.isReference(p)) {
                return new KernelRegistry(p.info().id(), true, p.factories());
            }
        }
        throw new VelaException("the reference provider (op-reference) is not on the class path");
    }

    /**
     * @param providerId the id the placement and the profile name
     * @param factories the factories
     * @return a registry over the given factories (for tests and embedding); not the reference provider
     */
    public static KernelRegistry of(String providerId, List<KernelFactory> factories) {
        return new KernelRegistry(providerId, false, factories);
    }

    /**
     * The same provider with more factories (for tests that add an operator to the reference); the added factories
     * come after this registry's, which win for an operator both implement.
     *
     * @param more the factories to add
     * @return the new registry; still the reference if this one is
     */
    public KernelRegistry with(List<KernelFactory> more) {
        List<KernelFactory> all = new java.util.ArrayList<>(factoryList);
        all.addAll(more);
        return new KernelRegistry(providerId, reference, all);
    }

    /** @return whether this is the golden reference provider ({@link ReferenceProviders}) */
    public boolean isReference() {
        return reference;
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
