package dev.vela.conformance;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.check.Harness;
import dev.vela.conformance.tolerance.Comparison;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link Tensor}, for vendors' own kernel tests. Failures list the worst
 * elements by coordinates with actual, expected, absolute and relative error and the allowed error.
 */
public final class TensorAssert extends AbstractAssert<TensorAssert, Tensor> {

    /** The operator used for policy look-ups when none is given: only per-dtype rules apply. */
    public static final OpId ANY_OP = OpId.of("(any)");

    TensorAssert(Tensor actual) {
        super(actual, TensorAssert.class);
    }

    /**
     * @param expected the full type (element type, shape, quantization)
     * @return this
     */
    public TensorAssert hasType(TensorType expected) {
        isNotNull();
        if (!actual.type().equals(expected)) {
            failWithMessage("Expecting tensor of type%n  %s%nbut was%n  %s", expected, actual.type());
        }
        return this;
    }

    /**
     * @param expected the element type
     * @return this
     */
    public TensorAssert hasDataType(DataType expected) {
        isNotNull();
        if (actual.dataType() != expected) {
            failWithMessage("Expecting element type %s but tensor is %s", expected.label(), actual.type());
        }
        return this;
    }

    /**
     * @param dims the expected dimensions
     * @return this
     */
    public TensorAssert hasShape(int... dims) {
        return hasShape(Shape.of(dims));
    }

    /**
     * @param expected the expected shape
     * @return this
     */
    public TensorAssert hasShape(Shape expected) {
        isNotNull();
        if (!actual.shape().equals(expected)) {
            failWithMessage("Expecting tensor of shape %s but was %s", expected, actual.shape());
        }
        return this;
    }

    /**
     * Elementwise comparison under the policy's per-dtype rule (as for an elementwise operator).
     *
     * @param expected the reference values
     * @param policy the tolerance policy
     * @return this
     */
    public TensorAssert isCloseTo(Tensor expected, TolerancePolicy policy) {
        return isCloseTo(expected, policy, ANY_OP, 1);
    }

    /**
     * @param expected the reference values
     * @param policy the tolerance policy
     * @param op the operator (for per-op rules)
     * @param reductionSize K, terms summed per output element (widens float tolerances)
     * @return this
     */
    public TensorAssert isCloseTo(Tensor expected, TolerancePolicy policy, OpId op, int reductionSize) {
        isNotNull();
        Comparison c = policy.check(actual, expected, op, reductionSize);
        if (!c.passed()) {
            failWithMessage("Expecting tensor to be close to the expected one under %s:%n%s", policy, c.describe());
        }
        return this;
    }

    /**
     * Same type and identical bytes (NaN payloads and the sign of zero included).
     *
     * @param expected the expected tensor
     * @return this
     */
    public TensorAssert isBitExactTo(Tensor expected) {
        isNotNull();
        hasType(expected.type());
        int e = Harness.firstDifferentElement(actual, expected);
        if (e >= 0) {
            failWithMessage(
                    "Expecting tensor bit-exact to the expected one, but element %s differs from %s%nactual:   %s%nexpected: %s",
                    Harness.element(actual, e),
                    Harness.element(expected, e),
                    OpCase.values(actual, 16),
                    OpCase.values(expected, 16));
        }
        return this;
    }
}
