package dev.vela.runtime.profile;

/**
 * How long one node took in a profiled run.
 *
 * @param node the node's name (its description when unnamed)
 * @param op the operator
 * @param provider the id of the provider that ran it
 * @param nanos wall time of preparing (if needed) and invoking its kernel
 */
public record NodeTiming(String node, String op, String provider, long nanos) {}
