package dev.vela.samples.signalbroken;

import dev.vela.samples.signal.ops.FilterBankLogOp;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * PLANTED BUG: scales the natural log with a floating-point {@code Math.log} and truncates, instead of TFLite Micro's
 * fixed-point log with its rounding. Close (within a few LSB) but not bit-exact.
 */
public final class TruncatingFilterBankLog extends FilterBankLogOp {
    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        int correctionBits = node.attributes().getInt("input_correction_bits");
        long outputScale = node.attributes().getLong("output_scale");
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return outputTypes;
            }

            @Override
            public void invoke(Invocation inv) {
                int n = inv.input(0).elementCount();
                for (int i = 0; i < n; i++) {
                    long scaled = (inv.input(0).getLong(i) << correctionBits) & 0xFFFF_FFFFL;
                    long value = scaled > 1 ? (long) (outputScale * Math.log(scaled)) : 0;
                    inv.output(0).setLong(i, Math.min(value, Short.MAX_VALUE));
                }
            }
        };
    }
}
