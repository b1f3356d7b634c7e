package dev.vela.conformance.cases.ops;

import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;

/**
 * The text forms shared by the kit's resources of real model structure: the single layers of {@code ModelLayers}
 * and the delegate kit's chains. One parser, so that both resources mean the same by a type or attribute column.
 * Public only so that the delegate kit can read its resource; not part of the kit's API.
 */
public final class LayerText {

    private LayerText() {}

    /**
     * A parsed type column: the tensor type and whether the value is a constant of the model.
     *
     * @param type the tensor type
     * @param constant whether the text marked it {@code c} (a weight or bias in the model)
     */
    public record TypeText(TensorType type, boolean constant) {}

    /**
     * Parses {@code int8[1x32x32x3]{0.5:-128}}, {@code float32[1x10]}, or a per-axis form {@code
     * int8[8x3x3x3]c{axis=0 n=8 min=0.1 max=0.2 zp=0}}: per-axis scales are spread geometrically and
     * deterministically over the recorded range (the resources record the range, not every channel's scale).
     *
     * @param text the column
     * @return the type
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static TypeText type(String text) {
        try {
            int open = text.indexOf('[');
            int close = text.indexOf(']');
            DataType type = DataType.fromLabel(text.substring(0, open));
            Shape shape = Shape.of(ints(text.substring(open + 1, close)));
            String rest = text.substring(close + 1);
            boolean constant = rest.startsWith("c");
            if (constant) {
                rest = rest.substring(1);
            }
            if (rest.isEmpty()) {
                return new TypeText(TensorType.of(type, shape), constant);
            }
            return new TypeText(
                    TensorType.quantized(type, shape, quantization(rest.substring(1, rest.length() - 1))), constant);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad type '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code key=kind:value;...} with kinds {@code i} (integer), {@code f} (float), {@code s} (string),
     * {@code ii} and {@code ff} (space-separated lists).
     *
     * @param column the column, possibly empty
     * @return the attributes
     * @throws IllegalArgumentException naming an unknown kind
     */
    public static Attributes attributes(String column) {
        Attributes.Builder b = Attributes.builder();
        if (column.isEmpty()) {
            return b.build();
        }
        for (String part : column.split(";")) {
            int eq = part.indexOf('=');
            int colon = part.indexOf(':', eq);
            if (eq < 0 || colon < 0) {
                throw new IllegalArgumentException("attribute '" + part + "' is not key=kind:value");
            }
            String key = part.substring(0, eq);
            String value = part.substring(colon + 1);
            switch (part.substring(eq + 1, colon)) {
                case "i" -> b.put(key, Long.parseLong(value));
                case "f" -> b.put(key, Float.parseFloat(value));
                case "s" -> b.put(key, value);
                case "ii" -> b.put(key, longs(value));
                case "ff" -> b.put(key, floats(value));
                default -> throw new IllegalArgumentException("unknown attribute kind in '" + part + "'");
            }
        }
        return b.build();
    }

    private static Quantization quantization(String q) {
        if (!q.startsWith("axis=")) {
            int colon = q.indexOf(':');
            return Quantization.perTensor(
                    Float.parseFloat(q.substring(0, colon)), Long.parseLong(q.substring(colon + 1)));
        }
        int axis = 0;
        int n = 0;
        float min = 0;
        float max = 0;
        long zp = 0;
        for (String kv : q.split(" ")) {
            String[] p = kv.split("=");
            switch (p[0]) {
                case "axis" -> axis = Integer.parseInt(p[1]);
                case "n" -> n = Integer.parseInt(p[1]);
                case "min" -> min = Float.parseFloat(p[1]);
                case "max" -> max = Float.parseFloat(p[1]);
                case "zp" -> zp = Long.parseLong(p[1]);
                default -> throw new IllegalArgumentException("unknown quantization field '" + p[0] + "'");
            }
        }
        float[] scales = new float[n];
        long[] zps = new long[n];
        for (int i = 0; i < n; i++) {
            double at = n == 1 ? 0 : (double) ((i * 7919L) % n) / (n - 1);
            scales[i] = (float) (min * Math.pow(max / (double) min, at));
            zps[i] = zp;
        }
        return Quantization.perAxis(axis, scales, zps);
    }

    private static int[] ints(String v) {
        if (v.isEmpty()) {
            return new int[0];
        }
        String[] p = v.split("x");
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Integer.parseInt(p[i]);
        }
        return out;
    }

    private static long[] longs(String v) {
        if (v.isEmpty()) {
            return new long[0];
        }
        String[] p = v.split(" ");
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Long.parseLong(p[i]);
        }
        return out;
    }

    private static float[] floats(String v) {
        if (v.isEmpty()) {
            return new float[0];
        }
        String[] p = v.split(" ");
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Float.parseFloat(p[i]);
        }
        return out;
    }
}
