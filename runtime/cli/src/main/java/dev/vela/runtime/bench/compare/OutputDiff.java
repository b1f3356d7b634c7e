package dev.vela.runtime.bench.compare;

import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The largest absolute difference between Vela's outputs and an engine's, over all outputs and elements.
 *
 * @param maxAbsDiff the largest difference (NaN when the engines disagree on an output's size)
 * @param kind how it was measured: {@code float} (floating-point outputs), {@code dequantized} (quantized outputs,
 *     integer difference times the output scale) or {@code integer} (plain integer outputs, raw difference)
 * @param note why the difference could not be measured, or empty
 */
public record OutputDiff(double maxAbsDiff, String kind, String note) {

    /**
     * @param vela Vela's outputs, in the model's order
     * @param engine the engine's raw outputs in the same order (little-endian)
     * @return the largest difference and how it was measured
     */
    public static OutputDiff of(List<Tensor> vela, List<byte[]> engine) {
        double max = 0;
        String kind = "";
        for (int o = 0; o < vela.size(); o++) {
            Tensor ours = vela.get(o);
            TensorType type = ours.type();
            byte[] theirs = engine.get(o);
            if (theirs.length != type.byteSize()) {
                return new OutputDiff(
                        Double.NaN,
                        "size",
                        "output " + o + ": Vela " + type.byteSize() + " bytes, engine " + theirs.length);
            }
            Tensor other = Tensor.wrap(
                    TensorType.of(type.dataType(), type.shape()),
                    ByteBuffer.wrap(theirs).order(ByteOrder.LITTLE_ENDIAN));
            String k = kindOf(type);
            kind = kind.isEmpty() || kind.equals(k) ? k : "mixed";
            max = Math.max(max, maxDiff(ours, other, type));
        }
        return new OutputDiff(max, kind, "");
    }

    private static String kindOf(TensorType type) {
        if (type.dataType().isFloatingPoint()) {
            return "float";
        }
        return type.isQuantized() ? "dequantized" : "integer";
    }

    private static double maxDiff(Tensor ours, Tensor other, TensorType type) {
        int n = type.elementCount();
        double max = 0;
        if (type.dataType().isFloatingPoint()) {
            for (int i = 0; i < n; i++) {
                double a = ours.getDouble(i);
                double b = other.getDouble(i);
                if (Double.isNaN(a) != Double.isNaN(b)) {
                    return Double.POSITIVE_INFINITY; // one engine produced NaN where the other did not
                }
                if (!Double.isNaN(a) && a != b) {
                    max = Math.max(max, Math.abs(a - b));
                }
            }
            return max;
        }
        Quantization q = type.quantization().orElse(null);
        for (int i = 0; i < n; i++) {
            long d = Math.abs(ours.getLong(i) - other.getLong(i));
            double scaled =
                    q == null ? d : d * (double) q.scale(q.isPerAxis() ? channel(type.shape(), q.axis(), i) : 0);
            max = Math.max(max, scaled);
        }
        return max;
    }

    /** @return the index along {@code axis} of flat element {@code i} */
    private static int channel(Shape shape, int axis, int i) {
        int inner = 1;
        for (int d = shape.rank() - 1; d > axis; d--) {
            inner *= shape.dim(d);
        }
        return (i / inner) % shape.dim(axis);
    }
}
