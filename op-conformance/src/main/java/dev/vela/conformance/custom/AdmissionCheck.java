package dev.vela.conformance.custom;

import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vendor's admission cases for a custom operator claim: at least the profile's minimum of valid cases for the
 * claim's type (default 3), each of which the definition's reference <em>and</em> the vendor's kernel must match
 * (expected outputs from a source independent of the plugin, within the case's tolerance, step by step with state
 * kept for sequence cases), and every invalid case refused by both. Case files that cannot be read fail the claim,
 * naming the file.
 */
public final class AdmissionCheck {

    /** The id in reports. */
    public static final String ID = "admission-cases";
    /** The title in reports. */
    public static final String TITLE =
            "the vendor's admission cases: enough of them, matched by the reference and the kernel";
    /** Valid cases a custom operator claim needs when the profile does not say. */
    public static final int DEFAULT_MINIMUM = 3;

    private AdmissionCheck() {}

    /**
     * @param claim the claim
     * @param vendor the vendor's factory
     * @param reference the definition's reference
     * @param cases the operator's cases
     * @param unreadable the operator's case files that could not be read, with why
     * @param minimum valid cases needed
     * @return the verdict
     */
    public static CheckResult run(
            KernelClaim claim,
            KernelFactory vendor,
            DefinitionReference reference,
            List<AdmissionCase> cases,
            Map<String, String> unreadable,
            int minimum) {
        long t0 = System.nanoTime();
        if (!unreadable.isEmpty()) {
            return result(
                    CheckStatus.FAILED,
                    0,
                    "not certified: admission case files that cannot be read: "
                            + String.join("; ", unreadable.values()),
                    t0);
        }
        List<AdmissionCase> valid = new ArrayList<>();
        List<AdmissionCase> invalid = new ArrayList<>();
        for (AdmissionCase c : cases) {
            if (c.isInvalid()) {
                invalid.add(c);
            } else if (firstType(c.node()) == claim.dataType()) {
                valid.add(c);
            }
        }
        if (valid.size() < minimum) {
            return result(
                    CheckStatus.FAILED,
                    0,
                    "not certified: " + valid.size() + " valid admission case"
                            + (valid.size() == 1 ? "" : "s") + " for " + claim + " in the plugin ("
                            + AdmissionCases.ROOT
                            + reference.op().domain() + "/" + reference.op().name()
                            + "/), the profile requires at least "
                            + minimum,
                    t0);
        }
        Set<String> sources = new LinkedHashSet<>();
        int steps = 0;
        try {
            for (AdmissionCase c : valid) {
                sources.add(c.source());
                steps += c.steps();
                Optional<String> refProblem = mismatch(reference, c, "the definition's reference");
                if (refProblem.isPresent()) {
                    return result(CheckStatus.FAILED, steps, refProblem.get(), t0);
                }
                Optional<String> vendorProblem = mismatch(vendor, c, "the kernel");
                if (vendorProblem.isPresent()) {
                    return result(CheckStatus.FAILED, steps, vendorProblem.get(), t0);
                }
            }
            for (AdmissionCase c : invalid) {
                Optional<String> refProblem = acceptance(reference, c, "the definition's reference", false);
                if (refProblem.isPresent()) {
                    return result(CheckStatus.FAILED, steps, refProblem.get(), t0);
                }
                Optional<String> vendorProblem = acceptance(vendor, c, "the kernel", true);
                if (vendorProblem.isPresent()) {
                    return result(CheckStatus.FAILED, steps, vendorProblem.get(), t0);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            return result(CheckStatus.FAILED, steps, "an admission case crashed: " + e, t0);
        }
        return result(
                CheckStatus.PASSED,
                valid.size() + invalid.size(),
                valid.size() + " valid cases (" + steps + " steps) and " + invalid.size()
                        + " invalid ones; expected outputs from: " + String.join("; ", sources),
                t0);
    }

    /** Runs a valid case; empty when every output of every step is within the case's tolerance. */
    static Optional<String> mismatch(KernelFactory factory, AdmissionCase c, String who) {
        Node node = c.node();
        Kernel kernel;
        try {
            kernel = factory.prepare(node);
        } catch (RuntimeException e) {
            return Optional.of(c.file() + ": " + who + " refuses the case: " + e.getMessage());
        }
        try (CaseRunner runner = new CaseRunner(kernel)) {
            for (int s = 0; s < c.steps(); s++) {
                List<Tensor> expected = c.stepExpected(s);
                List<Tensor> actual = runner.step(c.stepInputs(s));
                for (int o = 0; o < expected.size(); o++) {
                    String where = c.file() + (c.sequence() ? " step " + s : "") + " output " + o;
                    Tensor e = expected.get(o);
                    Tensor a = actual.get(o);
                    if (a.dataType() != e.dataType() || !a.shape().equals(e.shape())) {
                        return Optional.of(where + ": the expected output is " + e.type() + " but " + who + " produces "
                                + a.type() + " (the case's expected output has the wrong shape or type)");
                    }
                    for (int i = 0; i < e.elementCount(); i++) {
                        double ev = e.getDouble(i);
                        double av = a.getDouble(i);
                        boolean ok = Double.isNaN(ev)
                                ? Double.isNaN(av)
                                : Math.abs(av - ev) <= c.atol() + c.rtol() * Math.abs(ev) || av == ev;
                        if (!ok) {
                            return Optional.of(where + ": " + who + " gives " + av + " at element " + i
                                    + ", the expected"
                                    + " output (" + c.source() + ") is " + ev + ", beyond atol " + c.atol() + " rtol "
                                    + c.rtol());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs an invalid case; empty when it is refused with InvalidNodeException (carrying the case's expected text,
     * when {@code checkText}: the reference refuses through the schema, in its own words).
     */
    static Optional<String> acceptance(KernelFactory factory, AdmissionCase c, String who, boolean checkText) {
        try {
            factory.prepare(c.node()).close();
        } catch (InvalidNodeException e) {
            if (checkText
                    && !c.refusal().isEmpty()
                    && !String.valueOf(e.getMessage()).contains(c.refusal())) {
                return Optional.of(c.file() + ": " + who + " refuses the invalid node (" + c.invalid() + ") with '"
                        + e.getMessage() + "', which does not say '" + c.refusal() + "'");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(c.file() + ": " + who + " throws " + e + " on the invalid node (" + c.invalid()
                    + ") instead of InvalidNodeException");
        }
        return Optional.of(c.file() + ": " + who + " accepts the invalid node (" + c.invalid() + ")");
    }

    private static DataType firstType(Node n) {
        for (int i = 0; i < n.inputCount(); i++) {
            if (n.hasInput(i)) {
                return n.inputType(i).dataType();
            }
        }
        return null;
    }

    private static CheckResult result(CheckStatus status, int cases, String message, long t0) {
        return new CheckResult(
                ID,
                TITLE,
                status,
                cases,
                0,
                Map.of(),
                message,
                Optional.empty(),
                Optional.empty(),
                (System.nanoTime() - t0) / 1_000_000);
    }
}
