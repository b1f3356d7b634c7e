package dev.vela.runtime.suite;

/**
 * Result of one node-suite case.
 *
 * @param name the case directory name
 * @param op the operator the case exercises
 * @param status the outcome
 * @param detail why it did not pass (empty when passed)
 */
public record CaseResult(String name, String op, CaseStatus status, String detail) {}
