package dev.vela.reference.nn;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;

/**
 * Builds {@link ResizeTaps} for one axis of a Resize: maps output coordinates to input
 * coordinates and picks neighbours and weights the way ONNX's numpy reference does (ratios in
 * (0, 1], the nearest {@code n} indices preferring the lower, edge values beyond the input).
 */
final class Sampler {

    /** Resize's interpolation modes. */
    enum Mode {
        NEAREST,
        LINEAR,
        CUBIC
    }

    private enum Transform {
        HALF_PIXEL,
        HALF_PIXEL_SYMMETRIC,
        PYTORCH_HALF_PIXEL,
        ALIGN_CORNERS,
        ASYMMETRIC,
        TF_HALF_PIXEL_FOR_NN,
        TF_CROP_AND_RESIZE
    }

    private enum Nearest {
        ROUND_PREFER_FLOOR,
        ROUND_PREFER_CEIL,
        FLOOR,
        CEIL
    }

    private final Mode mode;
    private final Transform transform;
    private final Nearest nearest;
    private final double cubicA;
    private final boolean excludeOutside;
    private final boolean antialias;

    Sampler(
            Node node,
            Mode mode,
            String transform,
            String nearestMode,
            double cubicA,
            boolean excludeOutside,
            boolean antialias) {
        this.mode = mode;
        this.transform = parse(node, Transform.class, "coordinate_transformation_mode", transform);
        this.nearest = parse(node, Nearest.class, "nearest_mode", nearestMode);
        this.cubicA = cubicA;
        this.excludeOutside = excludeOutside;
        this.antialias = antialias;
    }

    private static <E extends Enum<E>> E parse(Node node, Class<E> type, String attribute, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new InvalidNodeException(node, "attribute '" + attribute + "' has unknown value '" + value + "'");
    }

    ResizeTaps taps(int in, int out, double scale, double roiStart, double roiEnd) {
        int count = tapCount(scale);
        int[] index = new int[out * count];
        double[] weight = new double[out * count];
        boolean[] extrapolate = new boolean[out];
        double[] coeffs = new double[count];
        for (int x = 0; x < out; x++) {
            double xOri = original(x, in, out, scale, roiStart, roiEnd);
            if (transform == Transform.TF_CROP_AND_RESIZE && (xOri < 0 || xOri > in - 1)) {
                extrapolate[x] = true;
                continue;
            }
            double floor = Math.floor(xOri);
            double ratio = xOri == floor ? 1 : xOri - floor;
            int base = (int) Math.ceil(xOri) - 1; // ratio is the distance from base to xOri
            coefficients(ratio, scale, coeffs);
            int first = base - (count / 2 - 1);
            double sum = 0;
            for (int t = 0; t < count; t++) {
                int i = first + t;
                if (excludeOutside && (i < 0 || i >= in)) {
                    coeffs[t] = 0;
                }
                sum += coeffs[t];
            }
            for (int t = 0; t < count; t++) {
                int i = first + t;
                index[x * count + t] = Math.max(0, Math.min(in - 1, i));
                weight[x * count + t] = excludeOutside ? coeffs[t] / sum : coeffs[t];
            }
        }
        return new ResizeTaps(in, out, count, index, weight, extrapolate);
    }

    private int tapCount(double scale) {
        double s = Math.min(scale, 1.0);
        return switch (mode) {
            case NEAREST -> 2;
            case LINEAR -> antialias ? 2 - 2 * ((int) Math.floor(-1 / s) + 1) : 2;
            case CUBIC -> antialias ? 2 - 2 * ((int) Math.floor(-2 / s) + 1) : 4;
        };
    }

    private double original(int x, int in, int out, double scale, double roiStart, double roiEnd) {
        double length = scale * in; // the real resized length, as the reference uses it
        return switch (transform) {
            case HALF_PIXEL -> (x + 0.5) / scale - 0.5;
            case HALF_PIXEL_SYMMETRIC -> {
                double adjustment = out / length;
                double center = in / 2.0;
                yield center * (1 - adjustment) + (x + 0.5) / scale - 0.5;
            }
            case PYTORCH_HALF_PIXEL -> length == 1 ? -0.5 : (x + 0.5) / scale - 0.5;
            case ALIGN_CORNERS -> length == 1 ? 0 : x * (in - 1) / (length - 1);
            case ASYMMETRIC -> x / scale;
            case TF_HALF_PIXEL_FOR_NN -> (x + 0.5) / scale;
            case TF_CROP_AND_RESIZE ->
                (length == 1 ? (roiEnd - roiStart) * (in - 1) / 2 : x * (roiEnd - roiStart) * (in - 1) / (length - 1))
                        + roiStart * (in - 1);
        };
    }

    /** Fills the weights of the taps base - (n/2 - 1) .. base + n/2, for {@code ratio} in (0, 1]. */
    private void coefficients(double ratio, double scale, double[] c) {
        switch (mode) {
            case NEAREST -> {
                boolean upper = switch (nearest) {
                    case ROUND_PREFER_FLOOR -> ratio > 0.5;
                    case ROUND_PREFER_CEIL -> ratio >= 0.5;
                    case FLOOR -> ratio == 1;
                    case CEIL -> true;
                };
                c[0] = upper ? 0 : 1;
                c[1] = upper ? 1 : 0;
            }
            case LINEAR -> {
                if (!antialias) {
                    c[0] = 1 - ratio;
                    c[1] = ratio;
                    return;
                }
                double s = Math.min(scale, 1.0);
                int start = 1 - c.length / 2;
                double sum = 0;
                for (int t = 0; t < c.length; t++) {
                    c[t] = Math.max(0, 1 - Math.abs((start + t - ratio) * s));
                    sum += c[t];
                }
                for (int t = 0; t < c.length; t++) {
                    c[t] /= sum;
                }
            }
            case CUBIC -> {
                double s = antialias ? Math.min(scale, 1.0) : 1.0;
                int start = 1 - c.length / 2;
                double sum = 0;
                for (int t = 0; t < c.length; t++) {
                    c[t] = cubic(Math.abs((start + t - ratio) * s));
                    sum += c[t];
                }
                if (antialias) {
                    for (int t = 0; t < c.length; t++) {
                        c[t] /= sum;
                    }
                }
            }
        }
    }

    private double cubic(double x) {
        double a = cubicA;
        if (x <= 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        }
        return 0;
    }
}
