/**
 * Certificates and their verification (docs/architecture.md D10, D16): the signed evidence that a plugin jar
 * passed certification for a list of (operator, data type, layout) entries, in a canonical JSON
 * form written and read by hand, and the one admission check ({@link dev.vela.spi.admission.AdmissionCheck})
 * a runtime, {@code vela verify}, the gate and third-party tools apply before admitting a plugin: the jar read
 * once into memory ({@link dev.vela.spi.admission.JarImage}), not revoked
 * ({@link dev.vela.spi.admission.RevocationList}), Ed25519 signature by a trusted key, SHA-256 of those bytes,
 * not expired, SPI range; refusals are named by {@link dev.vela.spi.admission.RefusalReason}. Signing itself
 * belongs to the certification gate.
 *
 * @since 0.1
 */
package dev.vela.spi.admission;
