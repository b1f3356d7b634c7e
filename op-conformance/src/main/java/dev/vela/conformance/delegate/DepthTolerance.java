package dev.vela.conformance.delegate;

import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.conformance.tolerance.ToleranceRule;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.ViewNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How far a delegate's floating-point output may be from the reference execution of the same subgraph: the
 * per-node tolerance of the policy ({@link TolerancePolicy}, the loosest rule among the subgraph's operators),
 * accumulated along the longest path of nodes from the boundary inputs to that output. Element {@code i} of an
 * output at depth {@code D} passes when {@code |actual - expected| <= D * (atol + rtol * M)}, {@code M} the largest
 * magnitude of that expected output.
 *
 * <p>Why depth: a delegate that fuses nodes or keeps intermediates in its own precision rounds at different places
 * than the reference does node by node, and each node adds its own rounding to the error it inherits, so to first
 * order the errors along a path add up: a one-node tolerance would refuse a correct five-node chain, a tolerance
 * without bound would pass a wrong one. Why {@code M} rather than each element's own magnitude: a Conv or Gemm
 * mixes many elements of its input, so the error an element inherits scales with the magnitudes of the values it
 * was computed from, not with its own (which may be near zero after cancellation); the output's largest magnitude
 * stands for those. Integer outputs are not judged here: they must be bit-exact.
 */
final class DepthTolerance {

    private static final TolerancePolicy POLICY = TolerancePolicy.load();

    private DepthTolerance() {}

    /**
     * @param g the subgraph
     * @return per value the longest path of nodes leading to it from the boundary inputs (0 for those)
     */
    static Map<String, Integer> depths(KitSubgraph g) {
        Map<String, Integer> depth = new HashMap<>();
        g.inputs().forEach(in -> depth.put(in, 0));
        for (ViewNode n : g.nodes()) {
            int d = 1
                    + n.inputs().stream()
                            .mapToInt(v -> depth.getOrDefault(v, 0))
                            .max()
                            .orElse(0);
            n.outputs().forEach(o -> depth.put(o, d));
        }
        return depth;
    }

    /**
     * @param g the subgraph
     * @param type a floating type
     * @return the loosest per-node rule among the subgraph's operators for that type
     */
    static ToleranceRule perNode(KitSubgraph g, DataType type) {
        ToleranceRule loosest = null;
        for (ViewNode n : g.nodes()) {
            ToleranceRule r = POLICY.rule(n.op(), type);
            if (loosest == null || r.atol() + r.rtol() > loosest.atol() + loosest.rtol()) {
                loosest = r;
            }
        }
        return loosest;
    }

    /**
     * @param actual the delegate's output
     * @param expected the reference's
     * @param depth the output's depth ({@link #depths})
     * @param rule the per-node rule ({@link #perNode})
     * @return the first element outside the tolerance, described, or empty
     */
    static Optional<String> outside(Tensor actual, Tensor expected, int depth, ToleranceRule rule) {
        double magnitude = 0;
        int n = expected.elementCount();
        for (int i = 0; i < n; i++) {
            double e = expected.getDouble(i);
            if (Double.isFinite(e)) {
                magnitude = Math.max(magnitude, Math.abs(e));
            }
        }
        double allowed = Math.max(1, depth) * (rule.atol() + rule.rtol() * magnitude);
        for (int i = 0; i < n; i++) {
            double a = actual.getDouble(i);
            double e = expected.getDouble(i);
            boolean same = Double.isNaN(e) ? Double.isNaN(a) : Math.abs(a - e) <= allowed || a == e;
            if (!same) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "element %d is %s, the reference's %s: off by %.3g, more than the %.3g allowed at depth %d"
                                + " (%d x (atol %s + rtol %s x largest magnitude %.4g))",
                        i,
                        Float.toString((float) a),
                        Float.toString((float) e),
                        Math.abs(a - e),
                        allowed,
                        depth,
                        Math.max(1, depth),
                        rule.atol(),
                        rule.rtol(),
                        magnitude));
            }
        }
        return Optional.empty();
    }
}
