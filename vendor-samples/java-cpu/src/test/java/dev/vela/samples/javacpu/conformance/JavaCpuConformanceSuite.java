package dev.vela.samples.javacpu.conformance;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.junit.ConformanceTests;
import dev.vela.samples.javacpu.JavaCpuProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit as the test suite of java-cpu's kernels, for mutation testing ({@code -Ppitest}, see
 * the README): one test factory per operator, so pitest runs only the operators whose tests cover a
 * mutant. Not a surefire test (the name does not end in Test): {@code mvn verify} already certifies the
 * same claims through the gate.
 *
 * <p>A fixed seed makes every mutant face the same cases; the latency check is left out because a
 * timing verdict is not a property of the kernel's code (it would make the unmutated run flaky under
 * load). Every other check of the kit runs.
 */
class JavaCpuConformanceSuite {

    private static final long SEED = 20261120L;
    private static final int TRIES = 30;

    private static Stream<DynamicNode> claims(String... claims) {
        return Arrays.stream(claims).flatMap(claim -> ConformanceTests.dynamicTests(kit().only(claim)));
    }

    private static ConformanceKit kit() {
        return ConformanceKit.forProvider(new JavaCpuProvider()).withSeed(SEED).withTries(TRIES)
                .withMaxTimePerCheck(Duration.ofSeconds(20))
                .withChecks(Checks.only("output-types", "numerics", "inputs-unchanged", "output-bounds",
                        "output-coverage", "determinism", "concurrency", "supports-honest", "invalid-nodes"));
    }

    @TestFactory
    Stream<DynamicNode> conv() {
        return claims("Conv/float32/NCHW", "Conv/float32/NHWC");
    }

    @TestFactory
    Stream<DynamicNode> gemm() {
        return claims("Gemm/float32/ANY");
    }

    @TestFactory
    Stream<DynamicNode> matMul() {
        return claims("MatMul/float32/ANY");
    }

    @TestFactory
    Stream<DynamicNode> pools() {
        return claims("MaxPool/float32/NCHW", "MaxPool/float32/NHWC", "AveragePool/float32/NCHW",
                "AveragePool/float32/NHWC", "GlobalAveragePool/float32/NCHW", "GlobalAveragePool/float32/NHWC");
    }

    @TestFactory
    Stream<DynamicNode> binary() {
        return claims("Add/float32/ANY", "Sub/float32/ANY", "Mul/float32/ANY", "Div/float32/ANY");
    }

    @TestFactory
    Stream<DynamicNode> unary() {
        return claims("Relu/float32/ANY", "Sigmoid/float32/ANY", "Tanh/float32/ANY", "Clip/float32/ANY");
    }
}
