package dev.vela.spi.semantics;

import dev.vela.spi.API;
import dev.vela.spi.Attributes;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import java.util.Arrays;

/**
 * Where a sliding window (a Conv or pooling kernel) sits on its input, per spatial axis, resolved from the ONNX
 * attributes {@value #STRIDES}, {@value #DILATIONS}, {@value #PADS} ([begin..., end...]), {@code auto_pad}
 * ({@link AutoPad}) and pooling's {@value #CEIL_MODE}; for ConvTranspose also {@value #OUTPUT_PADDING} and
 * {@value #OUTPUT_SHAPE}. The TFLite importer writes TFLite's SAME as {@link AutoPad#SAME_UPPER}.
 *
 * <p>Output extent along an axis, with {@code eff = (kernel - 1) * dilation + 1}:
 * <ul>
 *   <li>explicit pads: {@code floor((in + padBegin + padEnd - eff) / stride) + 1}; with {@code ceil_mode}
 *       rounded up instead, but without a last window that would start in the end padding (ONNX opset 19+,
 *       ONNX Runtime and PyTorch);</li>
 *   <li>SAME_UPPER / SAME_LOWER: {@code ceil(in / stride)}; total padding
 *       {@code max(0, (out - 1) * stride + eff - in)}, its odd unit at the end (UPPER) or the beginning
 *       (LOWER);</li>
 *   <li>VALID: no padding, {@code floor((in - eff) / stride) + 1} (rounded up with {@code ceil_mode}).</li>
 * </ul>
 * Output position {@code o} reads input positions {@code windowStart(axis, o) + k * dilation} for
 * {@code k < kernel}; those outside {@code [0, in)} are padding.
 *
 * <p>Arithmetic: attributes are 32-bit but their combinations ({@code (kernel - 1) * dilation + 1},
 * {@code in + padBegin + padEnd}, {@code stride * (in - 1)}) are not; computed in {@code int} they wrap around
 * and give a plausible but wrong output extent. Here every combination is computed in {@code long} and refused
 * with an {@link InvalidNodeException} naming the node, the axis and the values when it exceeds 2^31-1. Once the
 * padded extent fits, every index {@code o * stride - padBegin + k * dilation} a kernel computes fits too.
 *
 * <p>Immutable; the accessors return copies.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class SpatialWindow {

    /** The kernel's spatial extents (pooling; Conv takes them from its weights when absent). */
    public static final String KERNEL_SHAPE = "kernel_shape";
    /** Step between neighbouring windows, per spatial axis; default 1. */
    public static final String STRIDES = "strides";
    /** Step between neighbouring kernel taps, per spatial axis; default 1. */
    public static final String DILATIONS = "dilations";
    /** Explicit padding, all begins then all ends; default 0; used when {@code auto_pad} is NOTSET. */
    public static final String PADS = "pads";
    /** Pooling: round the output extent up (1) or down (0, default). */
    public static final String CEIL_MODE = "ceil_mode";
    /** ConvTranspose: extra output units at the end of each axis; default 0. */
    public static final String OUTPUT_PADDING = "output_padding";
    /** ConvTranspose: the requested output extents; the padding follows from them. */
    public static final String OUTPUT_SHAPE = "output_shape";

    private final String node;
    private final boolean transposed;
    private final AutoPad autoPad;
    private final int[] input;
    private final int[] kernel;
    private final int[] strides;
    private final int[] dilations;
    private final int[] padBegin;
    private final int[] padEnd;
    private final int[] output;

    private SpatialWindow(
            String node,
            boolean transposed,
            AutoPad autoPad,
            int[] input,
            int[] kernel,
            int[] strides,
            int[] dilations,
            int[] padBegin,
            int[] padEnd,
            int[] output) {
        this.node = node;
        this.transposed = transposed;
        this.autoPad = autoPad;
        this.input = input.clone();
        this.kernel = kernel.clone();
        this.strides = strides;
        this.dilations = dilations;
        this.padBegin = padBegin;
        this.padEnd = padEnd;
        this.output = output;
    }

    /**
     * The window of a convolution: output extents rounded down.
     *
     * @param node the node, whose attributes are read and which errors name
     * @param input the input's spatial extents
     * @param kernel the kernel's spatial extents
     * @return the window
     * @throws InvalidNodeException naming the node for invalid attributes or a window that does not fit
     */
    public static SpatialWindow of(Node node, int[] input, int[] kernel) {
        return of(node, input, kernel, false);
    }

    /**
     * The window of a convolution or pooling node.
     *
     * @param node the node, whose attributes are read and which errors name
     * @param input the input's spatial extents
     * @param kernel the kernel's spatial extents
     * @param ceilMode whether output extents round up (pooling's {@value #CEIL_MODE}; see {@link #ceilMode(Node)})
     * @return the window
     * @throws InvalidNodeException naming the node for invalid attributes or a window that does not fit
     */
    public static SpatialWindow of(Node node, int[] input, int[] kernel, boolean ceilMode) {
        String where = node.describe();
        Attributes a = node.attributes();
        int r = input.length;
        checkKernel(where, kernel, r);
        int[] strides = positive(where, STRIDES, a.getInts(STRIDES, ones(r)), r);
        int[] dilations = positive(where, DILATIONS, a.getInts(DILATIONS, ones(r)), r);
        int[] pads = pads(where, a, r);
        AutoPad autoPad = AutoPad.of(a, where);
        int[] begin = new int[r];
        int[] end = new int[r];
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int eff = effectiveKernel(where, i, kernel[i], dilations[i]);
            switch (autoPad) {
                case NOTSET -> {
                    begin[i] = pads[i];
                    end[i] = pads[r + i];
                    int padded = paddedExtent(where, i, input[i], begin[i], end[i]);
                    out[i] = windows(input[i], begin[i], padded, eff, strides[i], ceilMode);
                }
                case VALID -> out[i] = windows(input[i], 0, input[i], eff, strides[i], ceilMode);
                case SAME_UPPER, SAME_LOWER -> {
                    out[i] = (int) -Math.floorDiv(-(long) input[i], strides[i]);
                    // (out - 1) * stride < input, so the total stays below eff; still computed in long
                    long total = Math.max(0, ((long) out[i] - 1) * strides[i] + eff - input[i]);
                    int small = (int) (total / 2);
                    begin[i] = autoPad == AutoPad.SAME_UPPER ? small : (int) (total - small);
                    end[i] = (int) (total - begin[i]);
                    paddedExtent(where, i, input[i], begin[i], end[i]);
                }
                default -> throw new IllegalStateException(autoPad.name());
            }
            if (out[i] <= 0) {
                throw new InvalidNodeException(
                        where,
                        "window of extent " + eff + " does not fit spatial input "
                                + Arrays.toString(input) + " with pads " + Arrays.toString(pads) + " (output extent "
                                + out[i]
                                + ")");
            }
        }
        return new SpatialWindow(where, false, autoPad, input, kernel, strides, dilations, begin, end, out);
    }

    /**
     * The window of a transposed convolution (ConvTranspose): input position {@code i} scatters onto output
     * positions {@link #windowStart(int, int) windowStart(axis, i)} {@code + k * dilation}; the pads crop the
     * full output {@code stride * (in - 1) + output_padding + eff}. With {@value #OUTPUT_SHAPE} (or SAME
     * {@code auto_pad}, output {@code in * stride}) the padding follows from the requested output: SAME_UPPER
     * puts the smaller half first, NOTSET and SAME_LOWER the larger half; a requested output beyond the full one
     * extends it with zeros at the end, as ONNX's reference does.
     *
     * @param node the node, whose attributes are read and which errors name
     * @param input the input's spatial extents
     * @param kernel the kernel's spatial extents
     * @return the window, whose {@link #input(int)} is the ConvTranspose input and {@link #output(int)} its output
     * @throws InvalidNodeException naming the node for invalid attributes or an empty output
     */
    public static SpatialWindow transposed(Node node, int[] input, int[] kernel) {
        String where = node.describe();
        Attributes a = node.attributes();
        int r = input.length;
        checkKernel(where, kernel, r);
        int[] strides = positive(where, STRIDES, a.getInts(STRIDES, ones(r)), r);
        int[] dilations = positive(where, DILATIONS, a.getInts(DILATIONS, ones(r)), r);
        int[] outputPadding = a.getInts(OUTPUT_PADDING, new int[r]);
        if (outputPadding.length != r) {
            throw new InvalidNodeException(
                    where, "attribute '" + OUTPUT_PADDING + "' has " + outputPadding.length + " values, expected " + r);
        }
        int[] pads = pads(where, a, r);
        AutoPad autoPad = AutoPad.of(a, where);
        int[] outputShape = a.getInts(OUTPUT_SHAPE, null);
        if (outputShape != null && outputShape.length == r + 2) {
            outputShape = Arrays.copyOfRange(outputShape, 2, r + 2); // some exporters give N and C too
        }
        if (outputShape != null && outputShape.length != r) {
            throw new InvalidNodeException(
                    where, "attribute '" + OUTPUT_SHAPE + "' has " + outputShape.length + " values, expected " + r);
        }
        for (int i = 0; outputShape != null && i < r; i++) {
            if (outputShape[i] < 0) {
                throw new InvalidNodeException(
                        where,
                        "attribute '" + OUTPUT_SHAPE + "' must not be negative: " + Arrays.toString(outputShape));
            }
        }
        int[] begin = new int[r];
        int[] end = new int[r];
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            if (outputPadding[i] < 0 || outputPadding[i] >= Math.max(strides[i], dilations[i])) {
                throw new InvalidNodeException(
                        where,
                        "attribute '" + OUTPUT_PADDING + "' " + Arrays.toString(outputPadding)
                                + " must be non-negative and smaller than the stride or dilation");
            }
            int eff = effectiveKernel(where, i, kernel[i], dilations[i]);
            int full = fits(
                    where,
                    (long) strides[i] * (input[i] - 1L) + outputPadding[i] + eff,
                    "the full output extent along spatial axis " + i + " (stride " + strides[i] + ", input " + input[i]
                            + ", kernel " + kernel[i] + ", dilation " + dilations[i] + ")");
            long target;
            if (outputShape != null) {
                target = outputShape[i];
            } else if (autoPad.isSame()) {
                target = fits(
                        where,
                        (long) input[i] * strides[i],
                        "the output extent along spatial axis " + i + " (input " + input[i] + " x stride " + strides[i]
                                + ")");
            } else {
                target = -1;
            }
            if (target >= 0) {
                // a negative total (output beyond the full output) extends it with zeros at the end, as Python's
                // floor division in ONNX's reference does
                long total = full - target;
                begin[i] = (int)
                        (autoPad == AutoPad.SAME_UPPER ? Math.floorDiv(total, 2) : total - Math.floorDiv(total, 2));
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
                throw new InvalidNodeException(
                        where,
                        "pads " + Arrays.toString(pads) + " leave no output for input " + Arrays.toString(input));
            }
        }
        return new SpatialWindow(where, true, autoPad, input, kernel, strides, dilations, begin, end, out);
    }

    /**
     * @param node a pooling node
     * @return its {@value #CEIL_MODE} attribute: false when absent or 0, true when 1
     * @throws InvalidNodeException naming the node for any other value
     */
    public static boolean ceilMode(Node node) {
        long v = node.attributes().getLong(CEIL_MODE, 0);
        if (v != 0 && v != 1) {
            throw new InvalidNodeException(node, "attribute '" + CEIL_MODE + "' must be 0 or 1, got " + v);
        }
        return v == 1;
    }

    /** @return the number of spatial axes */
    public int rank() {
        return input.length;
    }

    /** @return the resolved {@code auto_pad} */
    public AutoPad autoPad() {
        return autoPad;
    }

    /** @return whether this is a ConvTranspose window ({@link #transposed}) */
    public boolean isTransposed() {
        return transposed;
    }

    /**
     * @param axis a spatial axis
     * @return the input extent
     */
    public int input(int axis) {
        return input[axis];
    }

    /**
     * @param axis a spatial axis
     * @return the kernel extent
     */
    public int kernel(int axis) {
        return kernel[axis];
    }

    /**
     * @param axis a spatial axis
     * @return the stride
     */
    public int stride(int axis) {
        return strides[axis];
    }

    /**
     * @param axis a spatial axis
     * @return the dilation
     */
    public int dilation(int axis) {
        return dilations[axis];
    }

    /**
     * @param axis a spatial axis
     * @return the padding before the input
     */
    public int padBegin(int axis) {
        return padBegin[axis];
    }

    /**
     * @param axis a spatial axis
     * @return the padding after the input (for ConvTranspose: cropped off the end)
     */
    public int padEnd(int axis) {
        return padEnd[axis];
    }

    /**
     * @param axis a spatial axis
     * @return the output extent
     */
    public int output(int axis) {
        return output[axis];
    }

    /**
     * @param axis a spatial axis
     * @return {@code (kernel - 1) * dilation + 1}, the input span of one window
     */
    public int effectiveKernel(int axis) {
        return (kernel[axis] - 1) * dilations[axis] + 1; // checked to fit when the window was resolved
    }

    /**
     * The first position a window touches: for a window, the input position under output position
     * {@code position}'s first tap ({@code position * stride - padBegin}, negative inside the begin padding); for
     * a transposed window, the output position input position {@code position}'s first tap writes.
     *
     * @param axis a spatial axis
     * @param position an output position (an input position for a transposed window)
     * @return the start position
     * @throws IndexOutOfBoundsException when the position is outside the output (the input when transposed)
     */
    public int windowStart(int axis, int position) {
        int limit = transposed ? input[axis] : output[axis];
        if (position < 0 || position >= limit) {
            throw new IndexOutOfBoundsException(
                    node + ": position " + position + " along spatial axis " + axis + " is outside 0.." + (limit - 1));
        }
        return (int) ((long) position * strides[axis] - padBegin[axis]);
    }

    /** @return the input extents */
    public int[] inputs() {
        return input.clone();
    }

    /** @return the kernel extents */
    public int[] kernels() {
        return kernel.clone();
    }

    /** @return the strides */
    public int[] strides() {
        return strides.clone();
    }

    /** @return the dilations */
    public int[] dilations() {
        return dilations.clone();
    }

    /** @return the padding before each axis */
    public int[] padsBegin() {
        return padBegin.clone();
    }

    /** @return the padding after each axis */
    public int[] padsEnd() {
        return padEnd.clone();
    }

    /** @return the output extents */
    public int[] outputs() {
        return output.clone();
    }

    @Override
    public String toString() {
        return (transposed ? "transposed window" : "window") + "[in=" + Arrays.toString(input) + " k="
                + Arrays.toString(kernel) + " s=" + Arrays.toString(strides) + " d=" + Arrays.toString(dilations)
                + " pads=" + Arrays.toString(padBegin) + Arrays.toString(padEnd) + " " + autoPad + " out="
                + Arrays.toString(output) + "]";
    }

    /** Window positions over the padded extent; with ceil_mode, not one that would start in the end padding. */
    private static int windows(int in, int begin, int padded, int eff, int stride, boolean ceilMode) {
        long span = (long) padded - eff;
        if (span < 0) {
            return 0;
        }
        long steps = ceilMode ? Math.floorDiv(span + stride - 1, stride) : span / stride;
        long out = steps + 1;
        if (ceilMode && (out - 1) * stride >= (long) in + begin) {
            out--; // the last window would start in the end padding
        }
        return (int) out;
    }

    private static int effectiveKernel(String where, int axis, int kernel, int dilation) {
        long eff = ((long) kernel - 1) * dilation + 1;
        return fits(
                where,
                eff,
                "kernel extent " + kernel + " with dilation " + dilation + " along spatial axis " + axis + " spans "
                        + eff + " elements");
    }

    private static int paddedExtent(String where, int axis, int input, long padBegin, long padEnd) {
        long padded = input + padBegin + padEnd;
        return fits(
                where,
                padded,
                "input extent " + input + " with pads " + padBegin + " and " + padEnd + " along spatial axis " + axis
                        + " is " + padded + " elements");
    }

    private static int fits(String where, long value, String what) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new InvalidNodeException(where, what + ", more than 2^31-1: the window attributes are out of range");
        }
        return (int) value;
    }

    private static void checkKernel(String where, int[] kernel, int rank) {
        if (kernel.length != rank) {
            throw new InvalidNodeException(
                    where,
                    "the kernel has " + kernel.length + " spatial extents " + Arrays.toString(kernel)
                            + " but the input has " + rank);
        }
        for (int k : kernel) {
            if (k <= 0) {
                throw new InvalidNodeException(where, "kernel extents must be positive: " + Arrays.toString(kernel));
            }
        }
    }

    private static int[] pads(String where, Attributes a, int r) {
        int[] pads = a.getInts(PADS, new int[2 * r]);
        if (pads.length != 2 * r) {
            throw new InvalidNodeException(
                    where, "attribute '" + PADS + "' has " + pads.length + " values, expected " + 2 * r);
        }
        for (int p : pads) {
            if (p < 0) {
                throw new InvalidNodeException(
                        where, "attribute '" + PADS + "' must not be negative: " + Arrays.toString(pads));
            }
        }
        return pads;
    }

    private static int[] ones(int r) {
        int[] v = new int[r];
        Arrays.fill(v, 1);
        return v;
    }

    private static int[] positive(String where, String name, int[] values, int r) {
        if (values.length != r) {
            throw new InvalidNodeException(
                    where, "attribute '" + name + "' has " + values.length + " values, expected " + r);
        }
        for (int v : values) {
            if (v <= 0) {
                throw new InvalidNodeException(
                        where, "attribute '" + name + "' must be positive: " + Arrays.toString(values));
            }
        }
        return values;
    }
}
