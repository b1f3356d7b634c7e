package dev.vela.runtime.validate;

import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Tensor;
import java.util.Map;

/**
 * Constant scale inputs of the ONNX quantization operators (QuantizeLinear / DequantizeLinear input 1, QLinearConv
 * and QLinearMatMul inputs 1, 4 and 6) must be finite and positive, like the scales TFLite declares on its tensors:
 * ONNX's operators divide by them. Scales computed at run time are the kernels' concern.
 */
final class ScaleInputRules {

    private ScaleInputRules() {}

    static void check(String source, GraphNode node, Map<String, Tensor> initializers) {
        if (!node.op().domain().isEmpty()) {
            return;
        }
        int[] scaleInputs = switch (node.op().name()) {
            case "QuantizeLinear", "DequantizeLinear" -> new int[] {1};
            case "QLinearConv", "QLinearMatMul" -> new int[] {1, 4, 6};
            default -> new int[0];
        };
        for (int i : scaleInputs) {
            if (i >= node.inputs().size()) {
                continue;
            }
            String name = node.inputs().get(i);
            Tensor scale = initializers.get(name);
            if (scale == null || !scale.type().dataType().isFloatingPoint()) {
                continue;
            }
            for (int e = 0; e < scale.elementCount(); e++) {
                QuantizationLimits.checkScale(
                        source, node.describe() + " input " + i + " '" + name + "'", scale.getDouble(e));
            }
        }
    }
}
