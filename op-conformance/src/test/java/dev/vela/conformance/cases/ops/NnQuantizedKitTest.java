package dev.vela.conformance.cases.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.broken.TestProvider;
import dev.vela.conformance.cases.CaseGenerators;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Support;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kit over the reference provider for the nn and quantized families: every claim of those
 * operators has a generator and passes every check (nothing skipped). Prints the run time.
 * Focus one operator with {@code -Dvela.gens2.ops=Conv,MaxPool}.
 */
class NnQuantizedKitTest {

    /** Operators whose every claim the nn / quantized generators cover. */
    static final Set<String> OPS = Set.of(
            "Conv",
            "MaxPool",
            "AveragePool",
            "LpPool",
            "GlobalAveragePool",
            "GlobalMaxPool",
            "BatchNormalization",
            "InstanceNormalization",
            "LayerNormalization",
            "LRN",
            "DepthToSpace",
            "SpaceToDepth",
            "Pad",
            "Resize",
            "ConvTranspose",
            "QuantizeLinear",
            "DequantizeLinear",
            "DynamicQuantizeLinear",
            "QLinearConv",
            "ConvInteger",
            "QLinearMatMul",
            "MatMulInteger",
            "Softmax",
            "Sigmoid",
            "Tanh",
            "LeakyRelu",
            "HardSwish",
            "ReduceMean",
            "Gemm",
            "MatMul",
            "Add",
            "Sub",
            "Mul",
            "Relu",
            "Clip",
            "tflite:UnidirectionalSequenceLSTM",
            "tflite:SVDF");

    /** Operators whose float claims belong to the elementwise / linalg families: only their quantized claims are ours. */
    static final Set<String> QUANTIZED_ONLY = Set.of(
            "Softmax",
            "Sigmoid",
            "Tanh",
            "LeakyRelu",
            "HardSwish",
            "ReduceMean",
            "Gemm",
            "MatMul",
            "Add",
            "Sub",
            "Mul",
            "Relu",
            "Clip");

    /** What the reference's quantized kernels claim. */
    static final Set<KernelClaim> QUANTIZED_CLAIMS = dev.vela.reference.quantized.QuantizedOps.all().stream()
            .flatMap(f -> f.claims().stream())
            .collect(Collectors.toSet());

    /** The reference factory of an operator claiming only what its quantized kernel claims. */
    record QuantizedClaims(KernelFactory f) implements KernelFactory {
        @Override
        public OpId op() {
            return f.op();
        }

        @Override
        public Set<KernelClaim> claims() {
            return f.claims().stream().filter(QUANTIZED_CLAIMS::contains).collect(Collectors.toSet());
        }

        @Override
        public Support supports(Node node) {
            return f.supports(node);
        }

        @Override
        public Kernel prepare(Node node) {
            return f.prepare(node);
        }

        @Override
        public Set<Integer> valueInputs(Node node) {
            return f.valueInputs(node);
        }
    }

    /** Operators whose float cases may carry a fused activation. */
    private static final Set<String> FUSING = Set.of("Conv", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div");

    /** Claims left ungenerated on purpose: none (sequence LSTM and SVDF have theirs too). */
    static final Set<String> UNGENERATED = Set.of();

    @Test
    void everyClaimOfTheQuantizedKernelsHasAGenerator() {
        CaseGenerators gens = CaseGenerators.of(NnQuantizedCases.all());
        assertThat(QUANTIZED_CLAIMS.stream()
                        .filter(c -> !UNGENERATED.contains(c.op().toString()))
                        .filter(c -> gens.find(c).isEmpty())
                        .map(KernelClaim::toString))
                .isEmpty();
        assertThat(QUANTIZED_CLAIMS.stream()
                        .filter(c -> gens.find(c).isEmpty())
                        .map(c -> c.op().toString())
                        .distinct())
                .containsExactlyInAnyOrderElementsOf(UNGENERATED);
    }

    @Test
    void everyClaimHasAGeneratorAndPasses() {
        Set<String> ops = selected();
        CaseGenerators gens = CaseGenerators.of(NnQuantizedCases.all());
        List<KernelFactory> factories = new ReferenceProvider()
                .factories().stream()
                        .filter(f -> ops.contains(f.op().toString()))
                        .map(f -> QUANTIZED_ONLY.contains(f.op().toString()) ? new QuantizedClaims(f) : f)
                        .toList();
        Set<KernelClaim> claims = new TreeSet<>();
        factories.forEach(f -> claims.addAll(f.claims()));
        assertThat(claims.stream().filter(c -> gens.find(c).isEmpty()).map(KernelClaim::toString))
                .as("claims without a generator")
                .isEmpty();
        long start = System.nanoTime();
        ConformanceReport r = ConformanceKit.forProvider(
                        TestProvider.of("reference-nn-quantized", factories.toArray(KernelFactory[]::new)))
                .withGenerators(gens)
                .withSeed(Long.getLong("vela.conformance.seed", 20261120L))
                .run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "nn/quantized kit over the reference: %d claims of %s in %.1f s%n",
                r.claims().size(), ops, seconds);
        for (ClaimReport c : r.claims()) {
            c.check("numerics")
                    .ifPresent(x -> System.out.println(c.claim() + " numerics: " + x.casesRun() + " run, "
                            + x.casesDiscarded() + " discarded, labels " + x.labels()));
            c.checks().stream()
                    .filter(x -> x.status() != CheckStatus.PASSED)
                    .forEach(x -> System.out.println(c.claim() + " " + x.checkId() + " " + x.status() + ": "
                            + x.message() + "\n" + x.details()));
        }
        r.claims().stream()
                .sorted(java.util.Comparator.comparingLong((ClaimReport c) ->
                        -c.checks().stream().mapToLong(x -> x.durationMillis()).sum()))
                .limit(8)
                .forEach(c -> System.out.println("slowest: " + c.claim()
                        + " "
                        + c.checks().stream().mapToLong(x -> x.durationMillis()).sum() + " ms "
                        + c.checks().stream()
                                .filter(x -> x.durationMillis() > 200)
                                .map(x -> x.checkId() + "=" + x.durationMillis())
                                .toList()));
        // the generators make nodes the reference accepts: hardly any case is declined, but for the float cases
        // with a fused activation (one in six), which the float reference kernels decline by design
        for (ClaimReport c : r.claims()) {
            boolean fusing = FUSING.contains(c.claim().op().toString())
                    && c.claim().dataType().isFloatingPoint();
            c.check("numerics")
                    .ifPresent(x -> assertThat(x.casesDiscarded())
                            .as(c.claim() + " discarded")
                            .isLessThanOrEqualTo(x.casesRun() / (fusing ? 3 : 10)));
        }
        assertThat(r.count(CheckStatus.SKIPPED)).as(r.summary()).isZero();
        assertThat(r.passed()).as(r.summary()).isTrue();
    }

    private static Set<String> selected() {
        String only = System.getProperty("vela.gens2.ops");
        return only == null || only.isBlank()
                ? OPS
                : Set.of(only.split(",")).stream().map(String::trim).collect(Collectors.toSet());
    }
}
