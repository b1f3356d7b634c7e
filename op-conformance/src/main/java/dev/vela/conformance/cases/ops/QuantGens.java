package dev.vela.conformance.cases.ops;

import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Quantization parameters and quantized data for the quantized-operator generators: zero points
 * at the extremes of the type, scales spanning a few decades, values biased to the ends of the
 * range (saturating inputs), and the fused activations the quantized kernels accept.
 */
final class QuantGens {

    /** Scales tried, shrinking toward the first (a power of two keeps shrunk cases readable). */
    private static final List<Float> SCALES = List.of(0.0625f, 0.5f, 0.0078125f, 0.05f, 0.003f, 1.7f);

    /** Fused activations, shrinking toward none. */
    static final List<String> ACTIVATIONS = List.of("None", "Relu", "Clip");

    private QuantGens() {}

    /** @return the smallest value of a quantized type */
    static long min(DataType t) {
        return switch (t) {
            case INT4 -> -8;
            case INT8 -> -128;
            case UINT4, UINT8, UINT16 -> 0;
            case INT16 -> -32768;
            case INT32 -> Integer.MIN_VALUE;
            default -> throw new IllegalArgumentException("not a quantized type: " + t);
        };
    }

    /** @return the largest value of a quantized type */
    static long max(DataType t) {
        return switch (t) {
            case INT4 -> 7;
            case UINT4 -> 15;
            case INT8 -> 127;
            case UINT8 -> 255;
            case UINT16 -> 65535;
            case INT16 -> 32767;
            case INT32 -> Integer.MAX_VALUE;
            default -> throw new IllegalArgumentException("not a quantized type: " + t);
        };
    }

    /** @return scales, shrinking toward 1/16 */
    static Gen<Float> scale() {
        return Knobs.choice(SCALES);
    }

    /**
     * @param t the activation type
     * @return zero points: the middle, either extreme, or anywhere; int16 activations are symmetric (0)
     */
    static Gen<Long> zeroPoint(DataType t) {
        if (t == DataType.INT16) {
            return Gens.constant(0L);
        }
        long mid = t == DataType.UINT8 ? 128 : 0;
        return Gens.frequency(
                Gens.weighted(2, Gens.constant(mid)),
                Gens.weighted(1, Gens.constant(min(t))),
                Gens.weighted(1, Gens.constant(max(t))),
                Gens.weighted(2, Gens.longs(min(t), max(t))));
    }

    /** @return per-tensor parameters for an activation of type t */
    static Gen<Quantization> activation(DataType t) {
        return Gens.tuples(scale(), zeroPoint(t)).map(p -> Quantization.perTensor(p.first(), p.second()));
    }

    /** @return a fused activation name, shrinking toward "None" */
    static Gen<String> fusedActivation() {
        return Knobs.choice(ACTIVATIONS);
    }

    /**
     * Sets the fused activation; Clip gets the ReLU6 bounds, the commonest in real models.
     */
    static void applyActivation(Node.Builder b, String activation) {
        activation(activation).writeTo(b.attributes());
    }

    /**
     * @param name None, Relu, Clip (with the ReLU6 bounds), Tanh or Sigmoid
     * @return that fused activation
     */
    static FusedActivation activation(String name) {
        return switch (name) {
            case "None" -> FusedActivation.NONE;
            case "Relu" -> FusedActivation.RELU;
            case "Clip" -> FusedActivation.clip(0f, 6f);
            case "Tanh" -> FusedActivation.TANH;
            case "Sigmoid" -> FusedActivation.SIGMOID;
            default -> throw new IllegalArgumentException("no fused activation " + name);
        };
    }

    /**
     * Fills a tensor from a seed: values anywhere in the type's range, one in four at an extreme
     * (saturation) and one in eight at the zero point. Seeded data (not per-element shrinking)
     * keeps big tensors cheap; the case shrinks through its geometry instead.
     *
     * @param type a quantized (or plain integer) tensor type
     * @param seed the data seed
     * @param zeroPoint the zero point to favour
     * @param lo smallest value to draw
     * @param hi largest value to draw
     * @return the tensor
     */
    static Tensor fill(TensorType type, long seed, long zeroPoint, long lo, long hi) {
        Tensor t = Tensor.allocate(type);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < type.elementCount(); i++) {
            int pick = r.nextInt(8);
            long v = pick == 0 ? lo : pick == 1 ? hi : pick == 2 ? zeroPoint : lo + r.nextLong(hi - lo + 1);
            t.setLong(i, v);
        }
        return t;
    }

    /** @return {@link #fill(TensorType, long, long, long, long)} over the type's full range */
    static Tensor fill(TensorType type, long seed, long zeroPoint) {
        return fill(type, seed, zeroPoint, min(type.dataType()), max(type.dataType()));
    }

    /**
     * Float data from a seed: uniform in [-range, range], one in sixteen 0 or ±range.
     */
    static Tensor fillFloats(TensorType type, long seed, float range) {
        Tensor t = Tensor.allocate(type);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < type.elementCount(); i++) {
            int pick = r.nextInt(16);
            double v = pick == 0 ? 0 : pick == 1 ? range : pick == 2 ? -range : (r.nextDouble() * 2 - 1) * range;
            t.setDouble(i, (float) v);
        }
        return t;
    }

    /** @return data seeds; shrinking a seed changes the data without growing the case */
    static Gen<Long> seeds() {
        return Gens.longs(0, Long.MAX_VALUE);
    }

    /** Special values a float case may hold, shrinking toward none. */
    private static final double[] SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0};

    /**
     * @param t a float tensor
     * @param kind 1..4 for NaN, +Inf, -Inf, -0; anything else for none (a knob of 0..9 puts one in 40% of cases)
     * @param seed picks the element
     * @return whether a special value was written
     */
    static boolean putSpecial(Tensor t, int kind, long seed) {
        if (kind < 1 || kind > SPECIALS.length || t.elementCount() == 0) {
            return false;
        }
        t.setDouble((int) Math.floorMod(seed, (long) t.elementCount()), SPECIALS[kind - 1]);
        return true;
    }

    /**
     * Seeded data of any fixed-width type: floats in [-8, 8], bool 0/1, integers anywhere in the
     * type's range (int64 within ±2^40).
     */
    static Tensor fillAny(TensorType type, long seed) {
        DataType t = type.dataType();
        if (t.isFloatingPoint()) {
            return fillFloats(type, seed, 8f);
        }
        return switch (t) {
            case BOOL -> fill(type, seed, 0, 0, 1);
            case INT64 -> fill(type, seed, 0, -(1L << 40), 1L << 40);
            default -> fill(type, seed, 0);
        };
    }

    /**
     * Puts a special value (NaN, +Inf, -Inf, -0) into one float case in ten, chosen by the data seed.
     *
     * @return whether one was put
     */
    static boolean maybeSpecial(Tensor x, long seed) {
        int kind = (int) Math.floorMod(seed >>> 40, 40L);
        return putSpecial(x, kind <= 4 ? kind : 0, seed >>> 20);
    }
}
