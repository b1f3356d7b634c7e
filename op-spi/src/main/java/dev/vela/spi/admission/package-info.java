/**
 * Certificates and their verification (ARCHITECTURE.md D10): the signed evidence that a plugin jar
 * passed certification for a list of (operator, data type, layout) entries, in a canonical JSON
 * form written and read by hand, and the checks a runtime or a third-party tool applies before
 * admitting a plugin (Ed25519 signature by a trusted key, SHA-256 of the jar, SPI range). Signing
 * itself belongs to the certification gate.
 *
 * @since 0.1
 */
package dev.vela.spi.admission;
