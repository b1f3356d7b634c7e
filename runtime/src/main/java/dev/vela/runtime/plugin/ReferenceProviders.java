package dev.vela.runtime.plugin;

import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.OperatorProvider;

/**
 * Which provider is the golden reference: the op-reference {@link ReferenceProvider} class the runtime itself was
 * loaded with. A class identity, not an id: a plugin jar that names itself like the reference, or bundles its own
 * copy of op-reference, is not the reference (its copy is defined by the plugin's own class loader).
 */
public final class ReferenceProviders {

    private ReferenceProviders() {}

    /**
     * @param provider a provider
     * @return whether it is the runtime's golden reference provider
     */
    public static boolean isReference(OperatorProvider provider) {
        return provider instanceof ReferenceProvider;
    }
}
