package dev.vela.spi.semantics;

import dev.vela.spi.API;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import java.util.Optional;

/**
 * The quantization a node declares for its output 0: the graph's ({@link Node#outputQuantization(int)}, as TFLite
 * fixes it when a model is converted), else the attributes {@value #SCALE} and {@value #ZERO_POINT} (default 0) that
 * hand-built and ONNX-derived quantized nodes carry. Quantized kernels produce exactly these parameters (D3).
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class OutputQuantization {

    /** The attribute holding the output scale. */
    public static final String SCALE = "output_scale";
    /** The attribute holding the output zero point; 0 when absent. */
    public static final String ZERO_POINT = "output_zero_point";

    private OutputQuantization() {}

    /**
     * @param node a node
     * @return whether the graph or the attributes fix the quantization of output 0
     */
    public static boolean isDeclared(Node node) {
        return node.outputQuantization(0).isPresent() || node.attributes().has(SCALE);
    }

    /**
     * @param node a node
     * @return the per-tensor quantization declared for output 0 (a per-axis one with a single entry counts as per
     *     tensor), empty when neither the graph nor the attributes declare one
     * @throws InvalidNodeException naming the node for a per-axis declaration with several entries, or a scale that
     *     is not positive and finite
     */
    public static Optional<Quantization> declared(Node node) {
        if (node.outputQuantization(0).isPresent()) {
            Quantization q = node.outputQuantization(0).get();
            if (q.isPerAxis() && q.count() != 1) {
                throw new InvalidNodeException(node, "output 0 must be quantized per tensor, the graph declares " + q);
            }
            return Optional.of(q.isPerAxis() ? Quantization.perTensor(q.scale(), q.zeroPoint()) : q);
        }
        if (!node.attributes().has(SCALE)) {
            return Optional.empty();
        }
        float scale = node.attributes().getFloat(SCALE);
        long zeroPoint = node.attributes().getLong(ZERO_POINT, 0);
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new InvalidNodeException(node, "attribute '" + SCALE + "' must be positive and finite, got " + scale);
        }
        return Optional.of(Quantization.perTensor(scale, zeroPoint));
    }
}
