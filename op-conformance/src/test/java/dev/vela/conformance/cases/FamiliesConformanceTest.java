package dev.vela.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.broken.TestProvider;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.reference.elementwise.ElementwiseOps;
import dev.vela.reference.linalg.LinalgOps;
import dev.vela.reference.tensor.TensorOps;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The reference kernels of the elementwise, tensor and linalg families, presented as a vendor
 * plugin, pass the whole kit with default budgets: every claim has a generator and passes every
 * check (nothing skipped).
 */
class FamiliesConformanceTest {

    private static List<KernelFactory> familyFactories() {
        List<KernelFactory> all = new ArrayList<>(ElementwiseOps.all());
        all.addAll(TensorOps.all());
        all.addAll(LinalgOps.all());
        return all;
    }

    private static Set<KernelClaim> familyClaims() {
        Set<KernelClaim> claims = new TreeSet<>();
        for (KernelFactory f : familyFactories()) {
            claims.addAll(f.claims());
        }
        return claims;
    }

    @Test
    void everyClaimOfTheFamiliesHasACaseGenerator() {
        CaseGenerators gens = CaseGenerators.discover();
        assertThat(familyClaims())
                .hasSizeGreaterThan(900)
                .allSatisfy(
                        c -> assertThat(gens.find(c)).as("generator for %s", c).isPresent());
    }

    @Test
    void theReferenceKernelsOfTheFamiliesPassTheWholeKit() {
        // as the reference provider presents them: applying a fused activation after the plain float kernel
        TestProvider families = new TestProvider(
                "reference-elementwise-tensor-linalg",
                familyFactories().stream()
                        .<KernelFactory>map(dev.vela.reference.FloatFusedActivation::new)
                        .toList());
        long t0 = System.nanoTime();
        ConformanceReport report = ConformanceKit.forProvider(families)
                .withSeed(Long.getLong("vela.conformance.seed", 20261120L))
                .run();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(
                "elementwise + tensor + linalg: %d claims x %d checks in %.1f s (%s)%n",
                report.claims().size(), Checks.all().size(), millis / 1000.0, report.summary());

        assertThat(report.claims()).extracting(ClaimReport::claim).containsExactlyElementsOf(familyClaims());
        List<String> notPassed = new ArrayList<>();
        for (ClaimReport claim : report.claims()) {
            for (CheckResult check : claim.checks()) {
                if (check.status() != CheckStatus.PASSED) {
                    notPassed.add(
                            claim.claim() + "#" + check.checkId() + " " + check.status() + ": " + check.message());
                }
            }
        }
        assertThat(notPassed).as(String.join("\n", notPassed)).isEmpty();
        assertThat(report.count(CheckStatus.PASSED))
                .isEqualTo((long) familyClaims().size() * Checks.all().size());
    }
}
