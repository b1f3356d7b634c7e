package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX Resize (opsets 10-19) in float32, any rank, as ONNX's numpy reference computes it.
 *
 * <p>Output extents come from {@code scales} ({@code floor(scale * in)}) or {@code sizes} (then
 * {@code scale = out / in}; with {@code keep_aspect_ratio_policy} not_larger / not_smaller one
 * common scale, the min / max of those, and {@code out = round_half_up(scale * in)}). {@code axes}
 * (opset 18+) lists the axes scales, sizes and roi refer to. Scales, sizes and roi are
 * {@linkplain #valueInputs(Node) value inputs}.
 *
 * <p>Each output coordinate maps to an input coordinate by {@code coordinate_transformation_mode}
 * (half_pixel, half_pixel_symmetric, pytorch_half_pixel, align_corners, asymmetric,
 * tf_half_pixel_for_nn, tf_crop_and_resize with roi and {@code extrapolation_value}), using the
 * real output length {@code scale * in} where the formula names the resized length, as the
 * reference does. Modes: nearest (all four {@code nearest_mode}s), linear and cubic
 * ({@code cubic_coeff_a}, {@code exclude_outside}), both with {@code antialias}, which widens the
 * filter by {@code 1 / scale} when downsampling. Neighbours outside the input take the edge value.
 *
 * <p>The resampling is separable: it is applied one axis at a time, each axis through
 * precomputed taps (source index and weight per output coordinate). Not layout-dependent.
 */
public final class Resize extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Resize() {
        super("Resize", EnumSet.of(DataType.FLOAT32));
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return node.opsetVersion() >= 11 ? Set.of(1, 2, 3) : Set.of(1);
    }

    @Override
    public Kernel prepare(Node node) {
        boolean opset10 = node.opsetVersion() < 11;
        NodeChecks.inputCount(node, opset10 ? 2 : 1, opset10 ? 2 : 4);
        TensorType xType = NodeChecks.dataType(node, 0, Set.of(DataType.FLOAT32));
        Shape xs = xType.shape();
        int rank = xs.rank();
        Attributes a = node.attributes();
        Sampler.Mode mode = switch (a.getString("mode", "nearest")) {
            case "nearest" -> Sampler.Mode.NEAREST;
            case "linear" -> Sampler.Mode.LINEAR;
            case "cubic" -> Sampler.Mode.CUBIC;
            default ->
                throw new InvalidNodeException(
                        node, "attribute 'mode' must be nearest, linear or cubic, got '" + a.getString("mode") + "'");
        };
        if (opset10 && mode == Sampler.Mode.CUBIC) {
            throw new InvalidNodeException(node, "mode 'cubic' needs opset 11");
        }
        boolean antialias = a.getInt("antialias", 0) != 0;
        if (antialias && mode == Sampler.Mode.NEAREST) {
            throw new InvalidNodeException(node, "antialias is not defined for mode 'nearest'");
        }
        int[] axes = axes(node, rank);
        double[] scales = new double[rank];
        int[] outDims = xs.dims();
        Arrays.fill(scales, 1.0);
        Tensor scalesValue =
                opset10 ? NodeChecks.constant(node, 1) : node.hasInput(2) ? NodeChecks.constant(node, 2) : null;
        Tensor sizesValue = !opset10 && node.hasInput(3) ? NodeChecks.constant(node, 3) : null;
        // opsets 11-12 pass an empty tensor for whichever of scales and sizes is unused
        if (scalesValue != null && scalesValue.elementCount() == 0) {
            scalesValue = null;
        }
        if (sizesValue != null && sizesValue.elementCount() == 0) {
            sizesValue = null;
        }
        if ((scalesValue == null) == (sizesValue == null)) {
            throw new InvalidNodeException(node, "exactly one of scales and sizes must be given");
        }
        if (scalesValue != null) {
            fromScales(node, xs, axes, scalesValue, scales, outDims);
        } else {
            fromSizes(node, xs, axes, sizesValue, scales, outDims);
        }
        double[] roi = roi(node, rank, axes, opset10);
        String transform = a.getString("coordinate_transformation_mode", opset10 ? "asymmetric" : "half_pixel");
        String nearestMode = a.getString("nearest_mode", opset10 ? "floor" : "round_prefer_floor");
        Sampler sampler = new Sampler(
                node,
                mode,
                transform,
                nearestMode,
                a.getFloat("cubic_coeff_a", -0.75f),
                a.getInt("exclude_outside", 0) != 0,
                antialias);
        ResizeTaps[] taps = new ResizeTaps[rank];
        for (int i = 0; i < rank; i++) {
            taps[i] = sampler.taps(xs.dim(i), outDims[i], scales[i], roi[i], roi[rank + i]);
        }
        float extrapolation = a.getFloat("extrapolation_value", 0f);
        Shape outShape = Shape.of(outDims);
        return FunctionKernel.of(TensorType.of(DataType.FLOAT32, outShape), inv -> run(inv, xs, taps, extrapolation));
    }

    private static int[] axes(Node node, int rank) {
        int[] given = node.attributes().getInts("axes", null);
        if (given == null) {
            int[] all = new int[rank];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] axes = new int[given.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < given.length; i++) {
            axes[i] = NodeChecks.axis(node, given[i], rank);
            if (seen[axes[i]]) {
                throw new InvalidNodeException(node, "axis " + given[i] + " is repeated in 'axes'");
            }
            seen[axes[i]] = true;
        }
        return axes;
    }

    private static void fromScales(Node node, Shape xs, int[] axes, Tensor value, double[] scales, int[] outDims) {
        if (value.dataType() != DataType.FLOAT32 || value.elementCount() != axes.length) {
            throw new InvalidNodeException(
                    node, "scales must be float32 with " + axes.length + " values, got " + value.type());
        }
        float[] s = Elements.floats(value);
        for (int i = 0; i < axes.length; i++) {
            if (!(s[i] > 0)) {
                throw new InvalidNodeException(node, "scales must be positive, got " + Arrays.toString(s));
            }
            scales[axes[i]] = s[i];
            outDims[axes[i]] = (int) Math.floor((double) s[i] * xs.dim(axes[i]));
        }
    }

    private static void fromSizes(Node node, Shape xs, int[] axes, Tensor value, double[] scales, int[] outDims) {
        if (value.dataType() != DataType.INT64 || value.elementCount() != axes.length) {
            throw new InvalidNodeException(
                    node, "sizes must be int64 with " + axes.length + " values, got " + value.type());
        }
        long[] sizes = Elements.longs(value);
        for (int i = 0; i < axes.length; i++) {
            if (sizes[i] < 0 || xs.dim(axes[i]) == 0) {
                throw new InvalidNodeException(node, "sizes " + Arrays.toString(sizes) + " cannot resize input " + xs);
            }
            scales[axes[i]] = (double) sizes[i] / xs.dim(axes[i]);
            outDims[axes[i]] = (int) sizes[i];
        }
        String policy = node.attributes().getString("keep_aspect_ratio_policy", "stretch");
        if (policy.equals("stretch")) {
            return;
        }
        if (!policy.equals("not_larger") && !policy.equals("not_smaller")) {
            throw new InvalidNodeException(
                    node,
                    "attribute 'keep_aspect_ratio_policy' must be stretch, not_larger or " + "not_smaller, got '"
                            + policy + "'");
        }
        double common = policy.equals("not_larger") ? Double.MAX_VALUE : 0;
        for (int axis : axes) {
            common = policy.equals("not_larger") ? Math.min(common, scales[axis]) : Math.max(common, scales[axis]);
        }
        for (int axis : axes) {
            scales[axis] = common;
            outDims[axis] = (int) (common * xs.dim(axis) + 0.5);
        }
    }

    /** [start..., end...] per axis of the input, defaulting to the whole extent. */
    private static double[] roi(Node node, int rank, int[] axes, boolean opset10) {
        double[] roi = new double[2 * rank];
        Arrays.fill(roi, rank, 2 * rank, 1.0);
        if (opset10 || !node.hasInput(1)) {
            return roi;
        }
        Tensor value = node.inputValue(1).orElse(null);
        if (value == null || value.elementCount() == 0) {
            return roi;
        }
        if (value.elementCount() != 2 * axes.length) {
            throw new InvalidNodeException(
                    node, "roi has " + value.elementCount() + " values, expected " + 2 * axes.length);
        }
        double[] given = Elements.doubles(value);
        for (int i = 0; i < axes.length; i++) {
            roi[axes[i]] = given[i];
            roi[rank + axes[i]] = given[axes.length + i];
        }
        return roi;
    }

    private static void run(Invocation inv, Shape xs, ResizeTaps[] taps, float extrapolation) {
        double[] data = Elements.doubles(inv.input(0));
        int[] dims = xs.dims();
        // innermost axis first, as the reference nests its interpolation
        for (int axis = dims.length - 1; axis >= 0; axis--) {
            data = taps[axis].apply(data, dims, axis, extrapolation);
            dims[axis] = taps[axis].outSize();
        }
        Elements.putDoubles(inv.output(0), data);
    }
}
