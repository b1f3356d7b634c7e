package dev.vela.samples.nativenpu;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;
import java.util.List;

/**
 * int8 fully connected (TFLite FULLY_CONNECTED) as ONNX {@code Gemm}: A [rows, K], constant
 * weights B [N, K] with {@code transB=1} (or [K, N], transposed once at prepare), symmetric per
 * tensor or per output channel, optional constant int32 bias of N values. Runs as a 1x1
 * convolution over the rows. Per-tensor multipliers multiply the scales in float first, as
 * TFLite's {@code GetQuantizedConvolutionMultipler}; per-channel ones in double.
 *
 * @since 0.1
 */
final class GemmFactory extends NpuFactory<ConvSpec> {

    GemmFactory(Isa isa) {
        super("Gemm", Layout.ANY, isa);
    }

    @Override
    ConvSpec analyze(Node node) {
        Int8Types.inputCount(node, 2, 3);
        if (node.attributes().getLong("transA", 0) != 0) {
            throw new InvalidNodeException(node, "transA=1 is not supported");
        }
        if (node.attributes().getFloat("alpha", 1f) != 1f || node.attributes().getFloat("beta", 1f) != 1f) {
            throw new InvalidNodeException(node, "quantized Gemm needs alpha = beta = 1");
        }
        boolean transB = node.attributes().getLong("transB", 0) != 0;
        Quantization xq = Int8Types.activation(node, 0);
        Shape a = Int8Types.rank(node, 0, 2);
        Tensor b = Int8Types.constant(node, 1, DataType.INT8, "weights");
        if (b.shape().rank() != 2) {
            throw new InvalidNodeException(node, "weights (input 1) must be 2-D, got " + b.shape());
        }
        int rows = a.dim(0);
        int depth = a.dim(1);
        int n = transB ? b.shape().dim(0) : b.shape().dim(1);
        int kb = transB ? b.shape().dim(1) : b.shape().dim(0);
        if (kb != depth) {
            throw new InvalidNodeException(
                    node, "inner dimensions differ: " + a + " x " + b.shape() + (transB ? " (B transposed)" : ""));
        }
        if (rows == 0 || depth == 0 || n == 0) {
            throw new InvalidNodeException(node, "empty tensors are not supported: " + a + " x " + b.shape());
        }
        float[] scales = WeightQuantization.scales(node, 1, n, transB ? 0 : 1);
        boolean perChannel = b.type().quantization().orElseThrow().count() > 1;
        int[] bias =
                node.inputCount() > 2 && node.hasInput(2) ? WeightQuantization.bias(node, 2, xq.scale(), scales) : null;
        TensorType out = Int8Types.output(node, Shape.of(rows, n), null);
        Quantization yq = out.quantization().orElseThrow();
        int[] mult = new int[n];
        int[] shift = new int[n];
        for (int i = 0; i < n; i++) {
            double real = perChannel
                    ? (double) xq.scale() * (double) scales[i] / (double) yq.scale()
                    : (double) (xq.scale() * scales[i]) / (double) yq.scale();
            int[] q = QuantMath.quantizeMultiplier(real);
            mult[i] = q[0];
            shift[i] = q[1];
        }
        ActivationRange range = QuantMath.int8ActivationRange(node, yq);
        byte[] weights = rowsOf(b, transB, n, depth);
        int[] geometry = ConvSpec.geometry(
                rows,
                1,
                1,
                depth,
                n,
                1,
                1,
                1,
                1,
                1,
                1,
                0,
                0,
                1,
                1,
                false,
                (int) xq.zeroPoint(),
                (int) yq.zeroPoint(),
                range);
        return new ConvSpec(geometry, weights, bias, mult, shift, List.of(node.inputType(0)), out);
    }

    /** @return the weights as [N][K] rows (one per output feature) */
    private static byte[] rowsOf(Tensor b, boolean transB, int n, int depth) {
        byte[] raw = new byte[n * depth];
        b.bytes().get(raw);
        if (transB) {
            return raw;
        }
        byte[] rows = new byte[n * depth];
        for (int k = 0; k < depth; k++) {
            for (int j = 0; j < n; j++) {
                rows[j * depth + k] = raw[k * n + j];
            }
        }
        return rows;
    }

    @Override
    Kernel build(Node node, ConvSpec spec) {
        return ConvKernel.create(isa, spec, node);
    }
}
