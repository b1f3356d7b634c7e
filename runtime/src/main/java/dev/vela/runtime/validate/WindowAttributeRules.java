package dev.vela.runtime.validate;

import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.AttributeType;
import dev.vela.spi.Attributes;
import dev.vela.spi.semantics.SpatialWindow;
import java.util.Arrays;
import java.util.Set;

/**
 * The window attributes of convolution and pooling nodes as ONNX defines them: {@code kernel_shape}, {@code strides}
 * and {@code dilations} positive, {@code pads} non-negative, lengths consistent with the kernel's rank, and no
 * combination that cannot fit 32 bits whatever the input ({@code (kernel - 1) * dilation + 1} or
 * {@code padBegin + padEnd} above 2^31-1). The kernels check the rest against the actual input at prepare time.
 */
final class WindowAttributeRules {

    /** Default-domain operators with a sliding window (the TFLite importer emits the same names). */
    static final Set<String> WINDOW_OPS = Set.of(
            "Conv", "ConvInteger", "QLinearConv", "ConvTranspose", "MaxPool", "AveragePool", "LpPool", "MaxUnpool");

    private WindowAttributeRules() {}

    static void check(String source, GraphNode node) {
        if (!node.op().domain().isEmpty() || !WINDOW_OPS.contains(node.op().name())) {
            return;
        }
        Attributes a = node.attributes();
        long[] kernel = ints(a, SpatialWindow.KERNEL_SHAPE);
        long[] strides = ints(a, SpatialWindow.STRIDES);
        long[] dilations = ints(a, SpatialWindow.DILATIONS);
        long[] pads = ints(a, SpatialWindow.PADS);
        String where = source + ": " + node.describe() + ": attribute ";
        atLeast(where, SpatialWindow.KERNEL_SHAPE, kernel, 1);
        atLeast(where, SpatialWindow.STRIDES, strides, 1);
        atLeast(where, SpatialWindow.DILATIONS, dilations, 1);
        atLeast(where, SpatialWindow.PADS, pads, 0);
        if (kernel != null) {
            int r = kernel.length;
            sameLength(where, SpatialWindow.STRIDES, strides, r);
            sameLength(where, SpatialWindow.DILATIONS, dilations, r);
            if (pads != null && pads.length != 2 * r) {
                throw new InvalidModelException(where + "'pads' has " + pads.length + " values but 'kernel_shape' "
                        + Arrays.toString(kernel) + " needs " + 2 * r + " (begin and end per spatial axis)");
            }
            for (int i = 0; i < r && dilations != null; i++) {
                if ((kernel[i] - 1) * dilations[i] + 1 > TensorLimits.MAX) {
                    throw new InvalidModelException(where + "'kernel_shape' " + kernel[i] + " with 'dilations' "
                            + dilations[i] + " spans more than 2^31-1 elements along spatial axis " + i);
                }
            }
        }
        if (pads != null && pads.length % 2 == 0) {
            int r = pads.length / 2;
            for (int i = 0; i < r; i++) {
                if (pads[i] + pads[r + i] > TensorLimits.MAX) {
                    throw new InvalidModelException(where + "'pads' " + Arrays.toString(pads) + " pad spatial axis " + i
                            + " by " + (pads[i] + pads[r + i]) + ", more than 2^31-1");
                }
            }
        }
    }

    private static long[] ints(Attributes a, String name) {
        return a.has(name) && a.typeOf(name) == AttributeType.INTS ? a.getLongs(name) : null;
    }

    private static void atLeast(String where, String name, long[] values, long min) {
        if (values == null) {
            return;
        }
        for (long v : values) {
            if (v < min || v > TensorLimits.MAX) {
                throw new InvalidModelException(where + "'" + name + "' " + Arrays.toString(values) + " must hold "
                        + (min == 0 ? "non-negative" : "positive") + " values of at most 2^31-1");
            }
        }
    }

    private static void sameLength(String where, String name, long[] values, int rank) {
        if (values != null && values.length != rank) {
            throw new InvalidModelException(where + "'" + name + "' has " + values.length
                    + " values but the kernel has " + rank + " spatial axes");
        }
    }
}
