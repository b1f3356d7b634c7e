package dev.vela.spi;

import java.util.List;
import java.util.Optional;

/**
 * A set of kernel factories from one vendor for one device: the service a plugin jar declares in
 * {@code META-INF/services/dev.vela.spi.OperatorProvider} (and {@code provides} in its
 * {@code module-info}). Implementations need a public no-argument constructor and must be cheap to
 * construct: heavy initialisation (loading native code) belongs in {@link #factories()} or in
 * {@link KernelFactory#prepare(Node)}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public interface OperatorProvider {

    /** @return who this provider is */
    ProviderInfo info();

    /** @return the factories, at most one per operator */
    List<KernelFactory> factories();

    /**
     * Definitions of operators the reference does not know, which this provider contributes
     * together with their reference implementations (docs/architecture.md decision D12). The runtime
     * admits a model whose nodes use such an operator only when an admitted provider defines it;
     * the conformance kit certifies the provider's kernels for it against the definition's
     * reference and the admission cases the plugin jar ships.
     *
     * @return the definitions, at most one per (operator, version); empty by default, so a provider
     *     built against SPI 1.0 defines nothing
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    default List<OperatorDefinition> definitions() {
        return List.of();
    }

    /**
     * A delegate that takes whole subgraphs (docs/architecture.md decision D13), next to or instead of the
     * per-node {@link #factories()}.
     *
     * @return the delegate; empty by default, so a provider built against SPI 1.0 has none
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    default Optional<Delegate> delegate() {
        return Optional.empty();
    }
}
