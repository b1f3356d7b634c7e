package dev.vela.spi.admission;

import dev.vela.spi.API;

/**
 * Why a plugin jar, a provider or some of its claims were not admitted: the one set of names the runtime,
 * {@code vela verify} and the gate's {@code vela:verify} print. The first group is decided by
 * {@link AdmissionCheck} from the jar's bytes, its certificate and the trust store, before any plugin class
 * is defined; the last group by a runtime after that.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public enum RefusalReason {
    /** The jar cannot be read, or is not a well-formed jar. */
    JAR_UNREADABLE,
    /** The jar is larger than the admission bound. */
    JAR_TOO_LARGE,
    /** The jar, its certificate or the signing key is on the trust store's revocation list. */
    REVOKED,
    /** No certificate was found next to the jar (or as a class-path resource). */
    NO_CERTIFICATE,
    /** The certificate cannot be read. */
    MALFORMED_CERTIFICATE,
    /** The certificate carries no signature. */
    UNSIGNED,
    /** The certificate is signed with an algorithm other than Ed25519. */
    UNSUPPORTED_ALGORITHM,
    /** The certificate is signed by a key that is not in the trust store. */
    UNTRUSTED_KEY,
    /** The signature does not match the certificate content: it was edited after signing, or forged. */
    BAD_SIGNATURE,
    /**
     * The certificate's run seed was not derived from the jar, the profile and the signing key ({@link SeedDerivation}):
     * its derivation does not verify, or, for a check that requires one, the certificate records none.
     */
    SEED_NOT_DERIVED,
    /** The jar's SHA-256 differs from the certified one: the jar was changed after certification. */
    HASH_MISMATCH,
    /** The certificate's validity ended. */
    EXPIRED,
    /** The certificate (or the provider) is for another SPI major version. */
    SPI_MAJOR_DIFFERS,
    /** The certificate (or the provider) is for a newer SPI minor version than the runtime's. */
    SPI_TOO_NEW,
    /** The provider's id is not among the certificate's providers. */
    PROVIDER_NOT_CERTIFIED,
    /** Some (operator, data type, layout) claims of the provider are not in the certificate. */
    CLAIM_NOT_CERTIFIED,
    /** The jar's classes or providers could not be loaded or instantiated. */
    LOAD_FAILED,
    /** Another admitted provider already has this id. */
    DUPLICATE_PROVIDER,
    /** A custom operator definition differs from (or is missing in) the one the certificate pins. */
    DEFINITION_MISMATCH
}
