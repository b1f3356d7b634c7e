/**
 * The property engine (docs/architecture.md D9, our own): seeded generators ({@link
 * dev.vela.conformance.property.Gen}, {@link dev.vela.conformance.property.Gens}) whose values
 * carry their shrink candidates ({@link dev.vela.conformance.property.Shrinkable}), properties run
 * under a {@link dev.vela.conformance.property.Budget}, and one-line replay: every case derives
 * from a {@link dev.vela.conformance.property.CaseId} (seed, index) alone, so
 * {@code -Dvela.conformance.replay=<seed>:<caseIndex>} regenerates it exactly.
 */
package dev.vela.conformance.property;
