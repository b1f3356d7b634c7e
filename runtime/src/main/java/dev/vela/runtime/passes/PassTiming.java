package dev.vela.runtime.passes;

/**
 * What one pass did in a {@link PassManager} run.
 *
 * @param name the pass
 * @param millis wall time it took
 * @param nodesBefore node count before it ran
 * @param nodesAfter node count after it ran
 */
public record PassTiming(String name, double millis, int nodesBefore, int nodesAfter) {}
