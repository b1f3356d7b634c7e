package dev.vela.runtime.graph;

import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

/**
 * Real values of quantized constants: what the TFLite importer gives a dynamic-range layer no hybrid kernel computes,
 * and what static quantization starts from when it turns hybrid layers back into float ones.
 */
public final class QuantizedConstants {

    private QuantizedConstants() {}

    /**
     * @param q a quantized tensor, per tensor or per axis
     * @return a float32 tensor of the same shape holding {@code (q - zeroPoint) * scale}, computed in double and
     *     rounded once to float
     * @throws IllegalArgumentException when the tensor carries no quantization parameters
     */
    public static Tensor realValues(Tensor q) {
        Quantization p = q.type()
                .quantization()
                .orElseThrow(() -> new IllegalArgumentException("tensor " + q.type() + " is not quantized"));
        Shape shape = q.shape();
        int inner = 1;
        if (p.isPerAxis()) {
            for (int d = p.axis() + 1; d < shape.rank(); d++) {
                inner *= shape.dim(d);
            }
        }
        Tensor out = Tensor.allocate(TensorType.of(DataType.FLOAT32, shape));
        for (int i = 0; i < q.elementCount(); i++) {
            int channel = p.isPerAxis() ? i / inner % p.count() : 0;
            out.setDouble(i, (float) ((q.getLong(i) - p.zeroPoint(channel)) * p.scales()[channel]));
        }
        return out;
    }
}
