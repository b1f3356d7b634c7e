/** One case generator per operator; {@code AddCases} and {@code ReluCases} are the pattern to copy. */
package dev.vela.conformance.cases.ops;
