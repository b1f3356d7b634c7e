package dev.vela.spi;

import java.util.List;

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
}
