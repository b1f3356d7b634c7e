package dev.vela.runtime.profile;

import dev.vela.spi.Layout;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Multiply-accumulates of the compute-heavy operators, from the types a run saw: Conv and ConvTranspose (any weight
 * layout: the weight's elements per output or input channel are the MACs per element), MatMul and Gemm. Shared
 * by {@code inspect}, {@code convert} and the MAC-share fallback policy.
 */
public final class Macs {

    private Macs() {}

    /**
     * @param node a node with its types
     * @return its MACs, 0 for operators not counted
     */
    public static long of(NodeTypes node) {
        List<TensorType> in = node.inputs();
        if (node.outputs().isEmpty() || in.isEmpty() || in.get(0) == null) {
            return 0;
        }
        TensorType out = node.outputs().get(0);
        String op = node.node().op().domain().isEmpty() ? node.node().op().name() : "";
        boolean channelsLast = "NHWC".equals(node.node().attributes().getString(Layout.ATTRIBUTE, "NCHW"));
        switch (op) {
            case "Conv": {
                if (in.size() < 2 || in.get(1) == null || out.shape().rank() < 2) {
                    return 0;
                }
                long channels = channelsLast
                        ? out.shape().dim(out.shape().rank() - 1)
                        : out.shape().dim(1);
                return channels == 0
                        ? 0
                        : (long) out.elementCount() * (in.get(1).elementCount() / channels);
            }
            case "ConvTranspose": {
                TensorType x = in.get(0);
                if (in.size() < 2 || in.get(1) == null || x.shape().rank() < 2) {
                    return 0;
                }
                long channels = channelsLast
                        ? x.shape().dim(x.shape().rank() - 1)
                        : x.shape().dim(1);
                return channels == 0 ? 0 : (long) x.elementCount() * (in.get(1).elementCount() / channels);
            }
            case "MatMul": {
                TensorType a = in.get(0);
                return a.shape().rank() == 0
                        ? 0
                        : (long) out.elementCount() * a.shape().dim(a.shape().rank() - 1);
            }
            case "Gemm": {
                TensorType a = in.get(0);
                if (a.shape().rank() != 2) {
                    return 0;
                }
                boolean transA = node.node().attributes().getInt("transA", 0) != 0;
                return (long) out.elementCount() * a.shape().dim(transA ? 0 : 1);
            }
            default:
                return 0;
        }
    }
}
