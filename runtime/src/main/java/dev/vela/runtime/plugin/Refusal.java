package dev.vela.runtime.plugin;

import dev.vela.spi.admission.RefusalReason;
import java.util.Objects;

/**
 * One thing the plugin loader did not admit, with the reason.
 *
 * @param origin the jar file or {@code class path}
 * @param providerId the provider concerned, or {@code null} when the whole jar was refused before its providers
 *     were known
 * @param reason why, by the names the runtime, {@code vela verify} and {@code vela:verify} share
 * @param message a sentence a person can act on
 */
public record Refusal(String origin, String providerId, RefusalReason reason, String message) {

    /** Checks the required parts. */
    public Refusal {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (providerId == null ? origin : providerId + " (" + origin + ")") + ": refused, " + reason + ": "
                + message;
    }
}
