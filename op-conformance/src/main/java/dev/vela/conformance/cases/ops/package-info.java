/**
 * One case generator per operator; {@code AddCases} and {@code ReluCases} are the pattern to copy.
 *
 * <p>The elementwise family shares code through family generators configured per operator:
 * {@link dev.vela.conformance.cases.ops.UnaryCases} (math, activations with their attributes,
 * IsNaN/IsInf, Not, BitwiseNot), {@link dev.vela.conformance.cases.ops.BinaryCases} (broadcasting
 * arithmetic, comparisons, logic, bitwise, PRelu, with the opset-6 broadcast form),
 * {@link dev.vela.conformance.cases.ops.VariadicCases} (Sum, Mean, Max, Min), and
 * {@code WhereCases}, {@code ClipCases}, {@code CastCases}. Tensor and linalg operators have one
 * small class each on the {@code OpCases} base, which supplies invalid nodes of wrong arity;
 * {@code CaseSupport} holds the shared shapes, value pools, labels and invalid-node helpers,
 * {@code Families} the ONNX type groups.
 */
package dev.vela.conformance.cases.ops;
