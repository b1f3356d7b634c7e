package dev.vela.reference.support;

import dev.vela.spi.Attributes;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import java.util.Arrays;

/**
 * Where a sliding window (convolution or pooling kernel) sits on its input, per spatial
 * dimension: kernel extent, stride, dilation, padding before and after, and the resulting output
 * extent, computed once at prepare time from the ONNX attributes {@code kernel_shape},
 * {@code strides}, {@code dilations}, {@code pads}, {@code auto_pad} and {@code ceil_mode}.
 *
 * <p>All arrays are normalised to {@link SpatialDims#DIMS} entries (leading unit kernel, unit
 * stride and dilation and zero pads for tensors of lower spatial rank), so kernels use one
 * three-level loop for 1-D, 2-D and 3-D.
 *
 * <p>Output extent, with {@code eff = (kernel - 1) * dilation + 1}:
 * <ul>
 *   <li>explicit pads: {@code floor((in + padBegin + padEnd - eff) / stride) + 1}; pooling with
 *       {@code ceil_mode} rounds up instead, but drops a last window that would start in the end
 *       padding (ONNX opset 19+ note, also what ONNX Runtime and PyTorch do);</li>
 *   <li>SAME_UPPER / SAME_LOWER: {@code ceil(in / stride)}, total padding
 *       {@code max(0, (out - 1) * stride + eff - in)}, the odd unit at the end (UPPER) or the
 *       beginning (LOWER);</li>
 *   <li>VALID: no padding, {@code floor((in - eff) / stride) + 1} (ceil with ceil_mode).</li>
 * </ul>
 */
public final class SpatialGeometry {

    /** The ONNX {@code auto_pad} values. */
    public enum AutoPad {
        /** Explicit {@code pads}. */
        NOTSET,
        /** Output = ceil(in / stride), extra padding at the end. */
        SAME_UPPER,
        /** Output = ceil(in / stride), extra padding at the beginning. */
        SAME_LOWER,
        /** No padding. */
        VALID;

        /**
         * @param node the node, named in the error
         * @return its {@code auto_pad} attribute, NOTSET when absent
         */
        public static AutoPad of(Node node) {
            String value = node.attributes().getString("auto_pad", "NOTSET");
            for (AutoPad p : values()) {
                if (p.name().equals(value)) {
                    return p;
                }
            }
            throw new InvalidNodeException(node, "attribute 'auto_pad' must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got '"
                    + value + "'");
        }
    }

    /** Number of spatial dimensions of the tensor (1..3). */
    public final int rank;
    /** Input extents. */
    public final int[] input;
    /** Kernel extents. */
    public final int[] kernel;
    /** Strides. */
    public final int[] strides;
    /** Dilations. */
    public final int[] dilations;
    /** Padding before each dimension. */
    public final int[] padBegin;
    /** Padding after each dimension. */
    public final int[] padEnd;
    /** Output extents. */
    public final int[] output;

    private SpatialGeometry(int rank, int[] input, int[] kernel, int[] strides, int[] dilations, int[] padBegin,
            int[] padEnd, int[] output) {
        this.rank = rank;
        this.input = SpatialDims.normalise(input, 1);
        this.kernel = SpatialDims.normalise(kernel, 1);
        this.strides = SpatialDims.normalise(strides, 1);
        this.dilations = SpatialDims.normalise(dilations, 1);
        this.padBegin = SpatialDims.normalise(padBegin, 0);
        this.padEnd = SpatialDims.normalise(padEnd, 0);
        this.output = SpatialDims.normalise(output, 1);
    }

    /**
     * Geometry of a convolution (Conv): output rounded down.
     *
     * @param node the node, whose attributes are read
     * @param input the input's spatial extents
     * @param kernel the kernel's spatial extents
     * @return the geometry
     */
    public static SpatialGeometry forWindow(Node node, int[] input, int[] kernel) {
        return forWindow(node, input, kernel, false);
    }

    /**
     * Geometry of a sliding window (Conv, pooling).
     *
     * @param node the node, whose attributes are read
     * @param input the input's spatial extents
     * @param kernel the kernel's spatial extents
     * @param ceilMode whether the output extent rounds up (pooling's {@code ceil_mode})
     * @return the geometry
     */
    public static SpatialGeometry forWindow(Node node, int[] input, int[] kernel, boolean ceilMode) {
        int r = input.length;
        Attributes a = node.attributes();
        int[] strides = positive(node, "strides", a.getInts("strides", ones(r)), r);
        int[] dilations = positive(node, "dilations", a.getInts("dilations", ones(r)), r);
        int[] pads = a.getInts("pads", new int[2 * r]);
        if (pads.length != 2 * r) {
            throw new InvalidNodeException(node, "attribute 'pads' has " + pads.length + " values, expected " + 2 * r);
        }
        for (int p : pads) {
            if (p < 0) {
                throw new InvalidNodeException(node, "attribute 'pads' must not be negative: " + Arrays.toString(pads));
            }
        }
        for (int i = 0; i < r; i++) {
            if (kernel[i] <= 0) {
                throw new InvalidNodeException(node, "kernel extents must be positive: " + Arrays.toString(kernel));
            }
        }
        AutoPad autoPad = AutoPad.of(node);
        int[] begin = new int[r];
        int[] end = new int[r];
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int eff = WindowArithmetic.effectiveKernel(node, i, kernel[i], dilations[i]);
            switch (autoPad) {
                case NOTSET -> {
                    begin[i] = pads[i];
                    end[i] = pads[r + i];
                    int padded = WindowArithmetic.paddedExtent(node, i, input[i], begin[i], end[i]);
                    out[i] = windows(input[i], begin[i], padded, eff, strides[i], ceilMode);
                }
                case VALID -> out[i] = windows(input[i], 0, input[i], eff, strides[i], ceilMode);
                case SAME_UPPER, SAME_LOWER -> {
                    out[i] = ceilDiv(input[i], strides[i]);
                    // (out - 1) * stride < input, so the total stays below eff: still computed in long
                    long total = Math.max(0, ((long) out[i] - 1) * strides[i] + eff - input[i]);
                    int small = (int) (total / 2);
                    begin[i] = autoPad == AutoPad.SAME_UPPER ? small : (int) (total - small);
                    end[i] = (int) (total - begin[i]);
                    WindowArithmetic.paddedExtent(node, i, input[i], begin[i], end[i]);
                }
                default -> throw new IllegalStateException();
            }
            if (out[i] <= 0) {
                throw new InvalidNodeException(node, "window of extent " + eff + " does not fit spatial input "
                        + Arrays.toString(input) + " with pads " + Arrays.toString(pads) + " (output extent " + out[i] + ")");
            }
        }
        return new SpatialGeometry(r, input, kernel, strides, dilations, begin, end, out);
    }

    /**
     * Geometry of a transposed convolution (ConvTranspose): reads {@code output_padding} and
     * {@code output_shape} besides the window attributes. Here {@link #input} is the
     * ConvTranspose input and {@link #output} its output; pads crop the full output.
     *
     * @param node the node, whose attributes are read
     * @param input the input's spatial extents
     * @param kernel the kernel's spatial extents
     * @return the geometry
     */
    public static SpatialGeometry forTransposed(Node node, int[] input, int[] kernel) {
        int r = input.length;
        Attributes a = node.attributes();
        int[] strides = positive(node, "strides", a.getInts("strides", ones(r)), r);
        int[] dilations = positive(node, "dilations", a.getInts("dilations", ones(r)), r);
        int[] outputPadding = a.getInts("output_padding", new int[r]);
        if (outputPadding.length != r) {
            throw new InvalidNodeException(node, "attribute 'output_padding' has " + outputPadding.length
                    + " values, expected " + r);
        }
        int[] pads = a.getInts("pads", new int[2 * r]);
        if (pads.length != 2 * r) {
            throw new InvalidNodeException(node, "attribute 'pads' has " + pads.length + " values, expected " + 2 * r);
        }
        AutoPad autoPad = AutoPad.of(node);
        int[] outputShape = a.getInts("output_shape", null);
        if (outputShape != null && outputShape.length == r + 2) {
            outputShape = Arrays.copyOfRange(outputShape, 2, r + 2); // some exporters give N and C too
        }
        if (outputShape != null && outputShape.length != r) {
            throw new InvalidNodeException(node, "attribute 'output_shape' has " + outputShape.length
                    + " values, expected " + r);
        }
        for (int i = 0; i < r; i++) {
            if (kernel[i] <= 0) {
                throw new InvalidNodeException(node, "kernel extents must be positive: " + Arrays.toString(kernel));
            }
            if (outputShape != null && outputShape[i] < 0) {
                throw new InvalidNodeException(node, "attribute 'output_shape' must not be negative: "
                        + Arrays.toString(outputShape));
            }
        }
        int[] begin = new int[r];
        int[] end = new int[r];
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            if (outputPadding[i] < 0 || outputPadding[i] >= Math.max(strides[i], dilations[i])) {
                throw new InvalidNodeException(node, "attribute 'output_padding' " + Arrays.toString(outputPadding)
                        + " must be non-negative and smaller than the stride or dilation");
            }
            if (pads[i] < 0 || pads[r + i] < 0) {
                throw new InvalidNodeException(node, "attribute 'pads' must not be negative: " + Arrays.toString(pads));
            }
            int eff = WindowArithmetic.effectiveKernel(node, i, kernel[i], dilations[i]);
            int full = WindowArithmetic.fits(node, (long) strides[i] * (input[i] - 1L) + outputPadding[i] + eff,
                    "the full output extent along spatial axis " + i + " (stride " + strides[i] + ", input "
                    + input[i] + ", kernel " + kernel[i] + ", dilation " + dilations[i] + ")");
            long target;
            if (outputShape != null) {
                target = outputShape[i];
            } else if (autoPad == AutoPad.SAME_UPPER || autoPad == AutoPad.SAME_LOWER) {
                target = WindowArithmetic.fits(node, (long) input[i] * strides[i], "the output extent along spatial axis "
                        + i + " (input " + input[i] + " x stride " + strides[i] + ")");
            } else {
                target = -1;
            }
            if (target >= 0) {
                // ONNX: SAME_UPPER puts the smaller half first; NOTSET and SAME_LOWER the larger half.
                // A negative total (output_shape beyond the full output) extends the output with
                // zeros at the end, as Python's floor division in ONNX's reference does.
                long total = full - target;
                begin[i] = (int) (autoPad == AutoPad.SAME_UPPER ? Math.floorDiv(total, 2) : total - Math.floorDiv(total, 2));
                end[i] = (int) (total - begin[i]);
                out[i] = (int) target;
            } else {
                if (autoPad == AutoPad.NOTSET) {
                    begin[i] = pads[i];
                    end[i] = pads[r + i];
                }
                out[i] = (int) Math.max(0, (long) full - begin[i] - end[i]);
            }
            if (out[i] <= 0) {
                throw new InvalidNodeException(node, "pads " + Arrays.toString(pads) + " leave no output for input "
                        + Arrays.toString(input));
            }
        }
        return new SpatialGeometry(r, input, kernel, strides, dilations, begin, end, out);
    }

    /** @return the output extents without normalisation */
    public int[] outputOfRank() {
        return SpatialDims.denormalise(output, rank);
    }

    /** Window positions over the padded extent; with ceil_mode, not one that would start in the end padding. */
    private static int windows(int in, int begin, int padded, int eff, int stride, boolean ceilMode) {
        int out = WindowArithmetic.windows(padded, eff, stride, ceilMode);
        if (ceilMode && out > 0 && ((long) out - 1) * stride >= (long) in + begin) {
            out--; // the last window would start in the end padding
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (int) -Math.floorDiv(-(long) a, b);
    }

    private static int[] ones(int r) {
        int[] v = new int[r];
        Arrays.fill(v, 1);
        return v;
    }

    private static int[] positive(Node node, String name, int[] values, int r) {
        if (values.length != r) {
            throw new InvalidNodeException(node, "attribute '" + name + "' has " + values.length + " values, expected " + r);
        }
        for (int v : values) {
            if (v <= 0) {
                throw new InvalidNodeException(node, "attribute '" + name + "' must be positive: " + Arrays.toString(values));
            }
        }
        return values;
    }
}
