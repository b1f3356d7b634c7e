package dev.vela.conformance.tolerance;

import dev.vela.spi.TensorType;
import java.util.List;

/**
 * The result of comparing a tensor against the reference's under a {@link ToleranceRule}.
 *
 * @param actualType the type under test
 * @param expectedType the reference type
 * @param rule the rule applied
 * @param reductionSize the K the rule was widened for
 * @param elements how many elements were compared
 * @param mismatches how many were outside the tolerance
 * @param worst the worst mismatches, worst first (at most {@link TolerancePolicy#WORST_KEPT})
 * @param problem a structural problem (type or shape differ), or empty
 */
public record Comparison(
        TensorType actualType,
        TensorType expectedType,
        ToleranceRule rule,
        int reductionSize,
        int elements,
        int mismatches,
        List<ElementMismatch> worst,
        String problem) {

    /** @return whether the tensors agree under the rule */
    public boolean passed() {
        return problem.isEmpty() && mismatches == 0;
    }

    /** @return a readable report: the verdict, the rule and a table of the worst elements */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (!problem.isEmpty()) {
            return sb.append(problem).toString();
        }
        if (passed()) {
            return "all " + elements + " elements within " + rule;
        }
        sb.append(mismatches)
                .append(" of ")
                .append(elements)
                .append(" elements of ")
                .append(actualType)
                .append(" outside ")
                .append(rule);
        if (reductionSize > 1) {
            sb.append(" with K=").append(reductionSize);
        }
        sb.append('\n');
        sb.append(String.format(
                java.util.Locale.ROOT,
                "  %-16s %-16s %-16s %-14s %-14s %-14s%n",
                "index",
                "actual",
                "expected",
                "abs err",
                "rel err",
                "allowed"));
        for (ElementMismatch m : worst) {
            sb.append(String.format(
                    java.util.Locale.ROOT,
                    "  %-16s %-16s %-16s %-14s %-14s %-14s%n",
                    m.coordinatesText(),
                    ElementMismatch.fmt(m.actual()),
                    ElementMismatch.fmt(m.expected()),
                    ElementMismatch.fmt(m.absoluteError()),
                    ElementMismatch.fmt(m.relativeError()),
                    ElementMismatch.fmt(m.allowed())));
        }
        return sb.toString().stripTrailing();
    }
}
