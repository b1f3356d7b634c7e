package dev.vela.runtime.validate;

import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.AttributeType;

/**
 * TFLite SOFTMAX's {@code beta} (imported as the Softmax attribute {@code beta}) must be finite and positive: a NaN
 * or infinite beta makes every output NaN, and no converter writes a non-positive one. Checked at load so that
 * {@code inspect} refuses such a model too; the reference kernels check it again at prepare.
 */
final class SoftmaxRules {

    private SoftmaxRules() {}

    static void check(String source, GraphNode node) {
        if (!node.op().domain().isEmpty()
                || !node.op().name().equals("Softmax")
                || !node.attributes().has("beta")
                || node.attributes().typeOf("beta") != AttributeType.FLOAT) {
            return;
        }
        float beta = node.attributes().getFloat("beta");
        if (!Float.isFinite(beta) || beta <= 0) {
            throw new InvalidModelException(source + ": " + node.describe() + ": attribute 'beta' must be finite and "
                    + "positive, got " + beta);
        }
    }
}
