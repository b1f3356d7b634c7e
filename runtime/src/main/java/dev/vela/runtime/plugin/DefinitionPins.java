package dev.vela.runtime.plugin;

import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.CertifiedDefinition;
import java.util.List;
import java.util.Optional;

/**
 * Whether the operator definitions a certified provider contributes are the ones its certificate pins (docs/architecture.md
 * D12): a definition whose schema hash differs, or that the certificate does not record, means the kernels were
 * certified against something else, and the plugin is refused.
 */
final class DefinitionPins {

    private DefinitionPins() {}

    /**
     * @param provider the provider
     * @param certificate its verified certificate
     * @return why its definitions do not match the certificate, or empty when they do
     */
    static Optional<String> problem(OperatorProvider provider, Certificate certificate) {
        List<OperatorDefinition> definitions;
        try {
            definitions = provider.definitions();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("definitions() failed: " + e);
        }
        for (OperatorDefinition d : definitions == null ? List.<OperatorDefinition>of() : definitions) {
            Optional<CertifiedDefinition> pin = certificate.definitions().stream()
                    .filter(p -> p.op().equals(d.op()) && p.version() == d.version())
                    .findFirst();
            if (pin.isEmpty()) {
                return Optional.of("it defines " + d
                        + " but its certificate pins no definition of it: certify the plugin" + " again");
            }
            if (!pin.get().matches(d)) {
                return Optional.of("its certificate was issued for " + d + " with schema "
                        + pin.get().schemaHash()
                        + " but the plugin defines schema " + d.schemaHash() + ": its kernels were certified against"
                        + " another definition");
            }
        }
        return Optional.empty();
    }
}
