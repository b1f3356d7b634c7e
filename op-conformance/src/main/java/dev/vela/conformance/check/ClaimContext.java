package dev.vela.conformance.check;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;

/**
 * What a check runs against: the claim, the vendor's factory, the reference factory for the same
 * operator, the case generator, the tolerance policy and the run's settings.
 *
 * @param claim the claim under test
 * @param vendor the factory under test
 * @param reference the reference factory for the operator
 * @param generator the case generator covering the claim
 * @param policy the tolerance policy
 * @param settings run-wide settings
 */
public record ClaimContext(
        KernelClaim claim,
        KernelFactory vendor,
        KernelFactory reference,
        CaseGenerator generator,
        TolerancePolicy policy,
        CheckSettings settings) {}
