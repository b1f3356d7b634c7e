package dev.vela.reference.support;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;

/**
 * TFLite's Softmax {@code beta} (imported as the attribute {@code beta}; ONNX Softmax has none, so it defaults to 1):
 * {@code softmax(beta * x)}. A NaN or infinite beta makes every output NaN and a non-positive one inverts or flattens
 * the distribution, which no converter emits, so prepare refuses them instead of computing garbage.
 */
public final class SoftmaxBeta {

    private SoftmaxBeta() {}

    /**
     * @param node the Softmax node
     * @return its beta, 1 when absent
     * @throws InvalidNodeException when beta is NaN, infinite or not positive
     */
    public static float of(Node node) {
        float beta = node.attributes().getFloat("beta", 1f);
        if (!Float.isFinite(beta) || beta <= 0) {
            throw new InvalidNodeException(node, "attribute 'beta' must be finite and positive, got " + beta);
        }
        return beta;
    }
}
