package dev.vela.conformance.report;

import dev.vela.conformance.cases.CaseSize;

/**
 * The minimal failing case a check found.
 *
 * @param message what the check reported for the shrunk case
 * @param caseDescription the shrunk case: node, input types, a few values
 * @param originalDescription the first failing case as generated
 * @param originalSize size of the first failing case
 * @param shrunkSize size of the shrunk case
 * @param shrinkSteps shrink candidates tried
 * @param caseId {@code <seed>:<caseIndex>} of the first failing case
 * @param replay the line that replays it
 */
public record FailureCase(
        String message,
        String caseDescription,
        String originalDescription,
        CaseSize originalSize,
        CaseSize shrunkSize,
        int shrinkSteps,
        String caseId,
        String replay) {

    /** @return whether shrinking made the case smaller */
    public boolean wasShrunk() {
        return shrunkSize.compareTo(originalSize) < 0;
    }
}
