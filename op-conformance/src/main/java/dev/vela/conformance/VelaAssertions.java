package dev.vela.conformance;

import dev.vela.spi.Tensor;

/**
 * Entry point of the tensor assertions:
 * {@code VelaAssertions.assertThat(output).hasShape(1, 10).isCloseTo(expected, TolerancePolicy.load())}.
 */
public final class VelaAssertions {

    private VelaAssertions() {}

    /**
     * @param actual the tensor under test
     * @return its assertions
     */
    public static TensorAssert assertThat(Tensor actual) {
        return new TensorAssert(actual);
    }
}
