package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.EnumSet;

/**
 * TFLite's dynamic-range ("hybrid") FULLY_CONNECTED as ONNX {@code Gemm}: float activations A [M, K], constant int8
 * weights B ([N, K] with {@code transB=1}, else [K, N]; symmetric, per tensor or per output channel), optional float
 * bias C [N], float output [M, N]. Equal to TFLite 2.20's {@code EvalHybridDense} with the portable tensor utils:
 *
 * <ol>
 * <li>every row of A is quantized to int8 on the fly ({@link InputRowQuantizer}): asymmetrically when the attribute
 * {@code asymmetric_quantize_inputs} is 1 (TFLite's option of the same name), else symmetrically;
 * <li>{@code dot = sum_k q[k] * w[n, k]} in int32, minus {@code rowsum(w[n]) * offset} when asymmetric;
 * <li>{@code y = bias[n] + (float) dot * scale}, where {@code scale = row_scale * w_scale} (per tensor: one float
 * product per row; per channel: the row scale times the channel's scale), all in float.
 * </ol>
 * An all-zero input yields the bias (TFLite skips the product). Fused activations are separate float nodes: TFLite
 * applies them to the float result, which is what a following Relu/Clip node does.
 */
public final class HybridFullyConnected extends ReferenceKernelFactory {

    /** The node attribute selecting asymmetric on-the-fly input quantization (0 or 1; default 0). */
    public static final String ASYMMETRIC_INPUTS = "asymmetric_quantize_inputs";

    /** Creates the factory (operator {@code Gemm}, float activations). */
    public HybridFullyConnected() {
        super("Gemm", EnumSet.of(DataType.FLOAT32));
    }

    /** @return whether the node has float activations and int8 weights, the hybrid signature */
    static boolean isHybrid(Node node) {
        return node.inputCount() >= 2
                && node.inputType(0).dataType() == DataType.FLOAT32
                && node.inputType(1).dataType() == DataType.INT8;
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 3);
        if (!isHybrid(node)) {
            throw new InvalidNodeException(
                    node,
                    "hybrid Gemm needs float32 input 0 and int8 weights (input 1), got "
                            + node.inputType(0).dataType().label() + " and "
                            + node.inputType(1).dataType().label());
        }
        TensorType a = NodeChecks.rank(node, 0, 2);
        TensorType b = node.inputType(1);
        if (b.shape().rank() != 2) {
            throw new InvalidNodeException(node, "weights (input 1) must be 2-D, got " + b.shape());
        }
        if (node.attributes().getLong("transA", 0) != 0) {
            throw new InvalidNodeException(node, "hybrid Gemm does not support transA=1");
        }
        if (node.attributes().getFloat("alpha", 1f) != 1f || node.attributes().getFloat("beta", 1f) != 1f) {
            throw new InvalidNodeException(node, "hybrid Gemm needs alpha = beta = 1");
        }
        if (!"None".equals(node.attributes().getString("activation", "None"))) {
            throw new InvalidNodeException(
                    node,
                    "hybrid Gemm takes its activation as a separate float node, got " + "activation '"
                            + node.attributes().getString("activation", "") + "'");
        }
        long asymmetricFlag = node.attributes().getLong(ASYMMETRIC_INPUTS, 0);
        if (asymmetricFlag != 0 && asymmetricFlag != 1) {
            throw new InvalidNodeException(node, ASYMMETRIC_INPUTS + " must be 0 or 1, got " + asymmetricFlag);
        }
        boolean transB = node.attributes().getLong("transB", 0) != 0;
        int rows = a.shape().dim(0);
        int depth = a.shape().dim(1);
        int units = transB ? b.shape().dim(0) : b.shape().dim(1);
        int weightDepth = transB ? b.shape().dim(1) : b.shape().dim(0);
        if (weightDepth != depth) {
            throw new InvalidNodeException(
                    node,
                    "input " + a.shape() + " and weights " + b.shape() + (transB ? " (transB=1)" : "")
                            + " differ in the inner dimension");
        }
        ChannelQuantization wq = ChannelQuantization.ofWeights(node, 1, units, transB ? 0 : 1);
        wq.requireSymmetric(node, 1);
        boolean hasBias = node.inputCount() > 2 && node.hasInput(2);
        if (hasBias) {
            TensorType c = node.inputType(2);
            if (c.dataType() != DataType.FLOAT32
                    || c.shape().elementCount() != units
                    || c.shape().rank() != 1) {
                throw new InvalidNodeException(node, "bias (input 2) must be float32 [" + units + "], got " + c);
            }
        }
        boolean perChannel = b.quantization().orElseThrow().count() > 1;
        TensorType out = TensorType.of(DataType.FLOAT32, Shape.of(rows, units));
        Plan plan = new Plan(rows, depth, units, transB, asymmetricFlag == 1, perChannel, wq.scales(), hasBias);
        return FunctionKernel.of(out, plan::invoke);
    }

    /** The shapes and parameters fixed at prepare time. */
    private record Plan(
            int rows,
            int depth,
            int units,
            boolean transB,
            boolean asymmetric,
            boolean perChannel,
            float[] weightScales,
            boolean hasBias) {

        void invoke(Invocation inv) {
            float[] x = inv.input(0).toFloatArray();
            int[] w = IntArrays.read(inv.input(1));
            float[] bias = hasBias ? inv.input(2).toFloatArray() : null;
            float[] y = new float[rows * units];
            for (int r = 0; r < rows; r++) {
                for (int n = 0; n < units; n++) {
                    y[r * units + n] = bias != null ? bias[n] : 0f;
                }
            }
            if (!allZero(x)) {
                accumulate(x, weightsByUnit(w), y);
            }
            inv.output(0).floats().put(0, y);
        }

        private void accumulate(float[] x, int[] w, float[] y) {
            int[] rowSums = asymmetric ? rowSums(w) : null;
            int[] q = new int[x.length];
            for (int r = 0; r < rows; r++) {
                InputRowQuantizer.RowParameters p = InputRowQuantizer.quantize(x, r * depth, depth, q, asymmetric);
                // per tensor TFLite folds the weight scale into the row's scale once; per channel it multiplies
                // the row's scale by each channel's scale
                float rowScale = perChannel ? p.scale() : p.scale() * weightScales[0];
                for (int n = 0; n < units; n++) {
                    int dot = 0;
                    for (int k = 0; k < depth; k++) {
                        dot += q[r * depth + k] * w[n * depth + k];
                    }
                    if (asymmetric) {
                        dot -= rowSums[n] * p.offset();
                    }
                    float scale = perChannel ? rowScale * weightScales[n] : rowScale;
                    y[r * units + n] += dot * scale;
                }
            }
        }

        /** The weights as [N, K], whatever their stored orientation. */
        private int[] weightsByUnit(int[] w) {
            if (transB) {
                return w;
            }
            int[] t = new int[w.length];
            for (int k = 0; k < depth; k++) {
                for (int n = 0; n < units; n++) {
                    t[n * depth + k] = w[k * units + n];
                }
            }
            return t;
        }

        private int[] rowSums(int[] w) {
            int[] sums = new int[units];
            for (int n = 0; n < units; n++) {
                for (int k = 0; k < depth; k++) {
                    sums[n] += w[n * depth + k];
                }
            }
            return sums;
        }

        private static boolean allZero(float[] x) {
            for (float v : x) {
                if (v != 0f) {
                    return false;
                }
            }
            return true;
        }
    }
}
