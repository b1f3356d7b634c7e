/**
 * The Vela conformance kit (docs/architecture.md D7, D9): checks a vendor's operator plugin against
 * the reference kernels with generated, shrinking, replayable cases.
 *
 * <ul>
 *   <li>{@link dev.vela.conformance.ConformanceKit} runs every check on every claim of a
 *       provider and returns a {@link dev.vela.conformance.report.ConformanceReport} (JSON, JUnit
 *       XML and HTML writers in {@code report}).</li>
 *   <li>{@link dev.vela.conformance.junit.ConformanceTestBase} turns a run into one JUnit 5
 *       dynamic test per (op, dtype, layout, check).</li>
 *   <li>{@link dev.vela.conformance.VelaAssertions} gives vendors AssertJ assertions on
 *       tensors under the {@link dev.vela.conformance.tolerance.TolerancePolicy}.</li>
 * </ul>
 *
 * <p><b>Adding an operator.</b> Write one {@link dev.vela.conformance.cases.CaseGenerator} in
 * {@code cases.ops} (see {@code AddCases}, {@code ReluCases}) and list it in
 * {@link dev.vela.conformance.cases.CaseGenerators#builtIn()}. Build cases from the
 * {@link dev.vela.conformance.property.Gens} combinators so they shrink along meaningful axes:
 * draw each structural parameter from its own generator whose simplest value is the simple
 * configuration ({@code Gens.ints(1, 4)} for batch and kernel size shrinks toward 1,
 * {@code Gens.ints(0, 3)} for pads toward 0, {@code Gens.dims(max, odds)} for channels and
 * spatial sizes toward 1), build valid configurations directly rather than filtering (a spatial
 * size as kernel plus a non-negative extra), draw tensor values after the structure with
 * {@code flatMap} (or, for elementwise operators, from a shape-independent pool with {@code
 * TensorGens.pool}/{@code tiled} so value-triggered failures shrink to one element), and use
 * {@link dev.vela.conformance.cases.TensorGens} for values (toward 0, with special values). Return the reduction size K from
 * {@link dev.vela.conformance.cases.CaseGenerator#reductionSize} for operators that sum terms.
 */
package dev.vela.conformance;
