/**
 * Generated operator cases: the case model ({@link dev.vela.conformance.cases.OpCase},
 * {@link dev.vela.conformance.cases.InvalidNode}), the per-operator generators and their registry.
 */
package dev.vela.conformance.cases;
