package dev.vela.runtime.plugin;

/** Why a plugin, a provider or some of its claims were not admitted. */
public enum RefusalReason {
    /** No certificate was found next to the jar (or as a class-path resource). */
    NO_CERTIFICATE,
    /** The certificate cannot be read. */
    MALFORMED_CERTIFICATE,
    /** The certificate carries no signature. */
    UNSIGNED,
    /** The certificate is signed by a key that is not in the trust store. */
    UNTRUSTED_KEY,
    /** The signature does not match the certificate content, or uses another algorithm than Ed25519. */
    BAD_SIGNATURE,
    /** The jar's SHA-256 differs from the certified one. */
    HASH_MISMATCH,
    /** The provider (or its certificate) was built against another SPI major version. */
    SPI_MAJOR_DIFFERS,
    /** The provider (or its certificate) was built against a newer SPI minor version than this runtime's. */
    SPI_TOO_NEW,
    /** The provider's id is not among the certificate's providers. */
    PROVIDER_NOT_CERTIFIED,
    /** Some (operator, data type, layout) claims of the provider are not in the certificate. */
    CLAIM_NOT_CERTIFIED,
    /** The jar or provider could not be loaded or instantiated. */
    LOAD_FAILED,
    /** Another admitted provider already has this id. */
    DUPLICATE_PROVIDER,
    /** A custom operator definition differs from (or is missing in) the one the certificate pins. */
    DEFINITION_MISMATCH
}
