package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.spi.KernelClaim;
import java.util.Optional;

/** Placeholder, replaced below. */
final class ModelLayers {
    private ModelLayers() {
    }

    static Optional<Gen<OpCase>> poolCases(KernelClaim claim) {
        return Optional.empty();
    }

    static Optional<Gen<OpCase>> convCases(KernelClaim claim) {
        return Optional.empty();
    }
}
