package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * ONNX MaxPool (opsets 1-22) in float32, int8 and uint8: 1-D to 3-D, strides, dilations, explicit
 * pads or {@code auto_pad}, {@code ceil_mode}, and the optional second output Indices (int64).
 * Padding never wins: only elements inside the input compete. NaN inputs are skipped unless the
 * whole window is NaN (as ONNX's reference).
 *
 * <p>Indices in NCHW are flat indices into the whole input, {@code (n * C + c) * S + s}, where
 * {@code s} is the row-major position in the spatial dimensions ({@code storage_order} 0) or the
 * column-major one ({@code storage_order} 1). In NHWC they are flat offsets into the NHWC input,
 * as TFLite's MaxPoolWithArgmax; {@code storage_order} 1 is refused there.
 */
public final class MaxPool extends WindowPool {

    /** Creates the factory. */
    public MaxPool() {
        super("MaxPool", EnumSet.of(DataType.FLOAT32, DataType.INT8, DataType.UINT8));
    }

    @Override
    int maxOutputs() {
        return 2;
    }

    @Override
    boolean hasCeilMode(Node node) {
        return node.opsetVersion() >= 10;
    }

    @Override
    Kernel kernel(Node node, Plan plan) {
        int storageOrder = node.attributes().getInt("storage_order", 0);
        if (storageOrder != 0 && storageOrder != 1) {
            throw new InvalidNodeException(node, "attribute 'storage_order' must be 0 or 1, got " + storageOrder);
        }
        boolean nhwc = plan.x().layout == Layout.NHWC;
        if (nhwc && storageOrder == 1 && node.outputCount() > 1) {
            throw new InvalidNodeException(node, "storage_order 1 is not defined for NHWC indices");
        }
        boolean withIndices = node.outputCount() > 1;
        List<TensorType> types = new ArrayList<>();
        types.add(plan.outputType());
        if (withIndices) {
            types.add(TensorType.of(DataType.INT64, plan.y().shape()));
        }
        return FunctionKernel.of(types, inv -> run(inv, plan, withIndices, nhwc, storageOrder == 1));
    }

    private static void run(Invocation inv, Plan plan, boolean withIndices, boolean nhwc, boolean columnMajor) {
        double[] in = plan.input(inv);
        double[] out = new double[plan.y().batch * plan.y().batchStride];
        long[] indices = withIndices ? new long[out.length] : null;
        int[] sp = plan.x().spatial;
        int spatialSize = plan.x().spatialSize();
        plan.walk(in, (values, offsets, positions, count, padded, n, c, outOffset) -> {
            int best = -1;
            for (int i = 0; i < count; i++) {
                double v = values[offsets[i]];
                if (best < 0 ? !Double.isNaN(v) : v > values[offsets[best]]) {
                    best = i;
                }
            }
            if (best < 0) {
                best = 0; // every element NaN (or, impossible after geometry checks, none)
            }
            out[outOffset] = count == 0 ? Double.NaN : values[offsets[best]];
            if (indices != null) {
                long index;
                if (nhwc) {
                    index = offsets[best];
                } else {
                    int s = positions[best];
                    if (columnMajor) {
                        int iw = s % sp[2];
                        int ih = (s / sp[2]) % sp[1];
                        int id = s / (sp[2] * sp[1]);
                        s = (iw * sp[1] + ih) * sp[0] + id;
                    }
                    index = (long) (n * plan.x().channels + c) * spatialSize + s;
                }
                indices[outOffset] = index;
            }
        });
        if (plan.dataType().isFloatingPoint()) {
            Elements.putDoubles(inv.output(0), out);
        } else {
            long[] whole = new long[out.length];
            for (int i = 0; i < out.length; i++) {
                whole[i] = (long) out[i];
            }
            Elements.putLongs(inv.output(0), whole);
        }
        if (indices != null) {
            Elements.putLongs(inv.output(1), indices);
        }
    }
}
