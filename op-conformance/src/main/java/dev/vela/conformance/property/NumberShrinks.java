package dev.vela.conformance.property;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Shrink trees for numbers: integers move toward a target by halving the distance; floats toward 0, 1 and integers. */
final class NumberShrinks {

    private NumberShrinks() {}

    /**
     * @param value the value
     * @param target the simplest value in range (where shrinking ends)
     * @return a shrinkable whose candidates are the target, then values halving the distance to it
     */
    static Shrinkable<Long> toward(long value, long target) {
        return Shrinkable.of(value, () -> longCandidates(value, target).stream().map(c -> toward(c, target)));
    }

    private static List<Long> longCandidates(long value, long target) {
        List<Long> out = new ArrayList<>();
        if (value == target) {
            return out;
        }
        out.add(target);
        // Distances as halves of value - target, computed without overflow: value/2 - target/2 fits.
        long half = value / 2 - target / 2;
        while (half != 0) {
            long candidate = value - half;
            if (candidate != target && candidate != value) {
                out.add(candidate);
            }
            half /= 2;
        }
        long step = value > target ? value - 1 : value + 1;
        if (step != target && !out.contains(step)) {
            out.add(step);
        }
        return out;
    }

    /**
     * @param value the value
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return a shrinkable moving toward 0 (or the in-range value closest to it), then to simpler values
     */
    static Shrinkable<Float> floatToward(float value, float min, float max) {
        return Shrinkable.of(
                value, () -> floatCandidates(value, min, max).stream().map(c -> floatToward(c, min, max)));
    }

    private static List<Float> floatCandidates(float value, float min, float max) {
        Set<Float> out = new LinkedHashSet<>();
        float origin = clamp(0f, min, max);
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            out.add(origin);
            out.add(clamp(1f, min, max));
        } else if (Float.compare(value, origin) != 0) {
            out.add(origin);
            float rounded = (float) Math.rint(value);
            if (rounded != value) {
                out.add(clamp((float) (long) value, min, max)); // toward zero
                out.add(clamp(rounded, min, max));
            } else if (Math.abs(value) > 1 && Math.abs(value) < 1e18f) {
                out.add(clamp((float) ((long) value / 2), min, max));
                out.add(clamp(value > 0 ? value - 1 : value + 1, min, max));
            }
            if (value < 0) {
                out.add(clamp(-value, min, max));
            }
        }
        out.remove(value);
        // Candidates must be strictly simpler so shrinking terminates.
        List<Float> simpler = new ArrayList<>();
        for (Float c : out) {
            if (simplerThan(c, value)) {
                simpler.add(c);
            }
        }
        return simpler;
    }

    /** Order of simplicity: finite before special; then smaller magnitude; integers before fractions; positive before negative. */
    private static boolean simplerThan(float a, float b) {
        boolean aSpecial = !Float.isFinite(a);
        boolean bSpecial = !Float.isFinite(b);
        if (aSpecial != bSpecial) {
            return bSpecial;
        }
        if (aSpecial) {
            return false;
        }
        boolean aInt = a == Math.rint(a);
        boolean bInt = b == Math.rint(b);
        if (Math.abs(a) != Math.abs(b)) {
            if (aInt != bInt) {
                return aInt && Math.abs(a) <= Math.abs(b) + 1;
            }
            return Math.abs(a) < Math.abs(b);
        }
        if (aInt != bInt) {
            return aInt;
        }
        return a > b;
    }

    private static float clamp(float v, float min, float max) {
        return Math.max(min, Math.min(max, v));
    }

    /** @return a shrinkable boolean: true shrinks to false */
    static Shrinkable<Boolean> bool(boolean value) {
        return Shrinkable.of(value, () -> value ? Stream.of(Shrinkable.unshrinkable(false)) : Stream.empty());
    }
}
