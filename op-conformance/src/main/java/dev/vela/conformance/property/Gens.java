package dev.vela.conformance.property;

import dev.vela.spi.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generator factories. Numbers are biased toward edge values (range ends, 0, ±1) because that is
 * where kernels break; collections and shapes scale with the run's size.
 */
public final class Gens {

    /** One value in this many is an edge value. */
    private static final int EDGE_ODDS = 8;

    private Gens() {}

    /**
     * @param value the value
     * @param <T> its type
     * @return a generator that always yields it
     */
    public static <T> Gen<T> constant(T value) {
        return (random, size) -> Shrinkable.unshrinkable(value);
    }

    /**
     * @param value the value always generated
     * @param target what it shrinks toward
     * @return a generator of one value that still shrinks (a fixed first case whose failure can be made smaller)
     */
    public static Gen<Long> fixedShrinkingToward(long value, long target) {
        return (random, size) -> NumberShrinks.toward(value, target);
    }

    /**
     * @param min smallest value
     * @param max largest value
     * @return ints in {@code [min, max]}, shrinking toward 0 (or the end of the range nearest to it)
     */
    public static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /**
     * @param min smallest value
     * @param max largest value
     * @return longs in {@code [min, max]}, shrinking toward 0 (or the end of the range nearest to it)
     */
    public static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        long target = Math.max(min, Math.min(max, 0));
        long[] edges = Arrays.stream(new long[] {min, max, 0, 1, -1})
                .filter(v -> v >= min && v <= max)
                .distinct()
                .toArray();
        return (random, size) -> {
            long v = random.nextInt(EDGE_ODDS) == 0 ? edges[random.nextInt(edges.length)] : uniform(random, min, max);
            return NumberShrinks.toward(v, target);
        };
    }

    private static long uniform(SplittableRandom random, long min, long max) {
        long span = max - min; // overflows to a negative value when the span exceeds Long.MAX_VALUE
        if (span >= 0 && span < Long.MAX_VALUE) {
            return min + random.nextLong(span + 1);
        }
        // The span does not fit a long: draw from the full range and reject values outside (at most half are).
        while (true) {
            long v = random.nextLong();
            if (v >= min && v <= max) {
                return v;
            }
        }
    }

    /**
     * @param min smallest value (finite)
     * @param max largest value (finite)
     * @return finite floats in {@code [min, max]}, biased toward edges and simple values, shrinking toward 0 and integers
     */
    public static Gen<Float> floats(float min, float max) {
        return floats(min, max, 0);
    }

    /**
     * @param min smallest ordinary value
     * @param max largest ordinary value
     * @param specialOdds one value in this many is a special one (NaN, ±Inf, -0, subnormals, ±MAX_VALUE); 0 for none
     * @return floats, shrinking toward 0 and integers (specials shrink to 0 or 1)
     */
    public static Gen<Float> floats(float min, float max, int specialOdds) {
        if (!(min <= max) || !Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException("bad float range [" + min + ", " + max + "]");
        }
        float[] edges = edgeFloats(min, max);
        float[] specials = {
            Float.NaN,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            -0.0f,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MIN_NORMAL,
            Float.MAX_VALUE,
            -Float.MAX_VALUE
        };
        return (random, size) -> {
            float v;
            if (specialOdds > 0 && random.nextInt(specialOdds) == 0) {
                v = specials[random.nextInt(specials.length)];
            } else if (random.nextInt(EDGE_ODDS) == 0) {
                v = edges[random.nextInt(edges.length)];
            } else {
                v = (float) (min + (max - (double) min) * random.nextDouble());
                v = Math.max(min, Math.min(max, v));
            }
            // Specials may lie outside [min, max]; they still shrink into the range.
            return NumberShrinks.floatToward(v, min, max);
        };
    }

    private static float[] edgeFloats(float min, float max) {
        List<Float> edges = new ArrayList<>();
        for (float v : new float[] {min, max, 0f, 1f, -1f, 0.5f, -0.5f}) {
            if (v >= min && v <= max && !edges.contains(v)) {
                edges.add(v);
            }
        }
        float[] out = new float[edges.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = edges.get(i);
        }
        return out;
    }

    /** @return booleans, true shrinking to false */
    public static Gen<Boolean> booleans() {
        return (random, size) -> NumberShrinks.bool(random.nextBoolean());
    }

    /**
     * @param values the choices
     * @param <T> their type
     * @return one of the values, shrinking toward the first
     */
    @SafeVarargs
    public static <T> Gen<T> elements(T... values) {
        List<T> copy = new ArrayList<>();
        for (T v : values) {
            copy.add(v);
        }
        return ints(0, copy.size() - 1).map(copy::get);
    }

    /**
     * @param gens the alternatives
     * @param <T> their type
     * @return a value from one of them chosen uniformly, shrinking toward earlier alternatives
     */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = new ArrayList<>();
        for (Gen<? extends T> g : gens) {
            copy.add(g);
        }
        return ints(0, copy.size() - 1).flatMap(i -> widen(copy.get(i)));
    }

    /**
     * @param weight relative frequency (positive)
     * @param gen the generator
     * @param <T> the value type
     * @return a weighted alternative for {@link #frequency(Weighted[])}
     */
    public static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /**
     * A weighted alternative.
     *
     * @param weight relative frequency
     * @param gen the generator
     * @param <T> the value type
     */
    public record Weighted<T>(int weight, Gen<? extends T> gen) {
        /**
         * @param weight relative frequency, positive
         * @param gen the generator
         */
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive, got " + weight);
            }
        }
    }

    /**
     * @param alternatives weighted generators
     * @param <T> the value type
     * @return a value from an alternative chosen by weight, shrinking toward earlier alternatives
     */
    @SafeVarargs
    public static <T> Gen<T> frequency(Weighted<T>... alternatives) {
        List<Weighted<T>> copy = new ArrayList<>();
        for (Weighted<T> w : alternatives) {
            copy.add(w);
        }
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        Gen<Integer> pick = (random, size) -> {
            int r = random.nextInt(total);
            int i = 0;
            while (r >= copy.get(i).weight()) {
                r -= copy.get(i).weight();
                i++;
            }
            return NumberShrinks.toward(i, 0).map(Long::intValue);
        };
        return pick.flatMap(i -> widen(copy.get(i).gen()));
    }

    @SuppressWarnings("unchecked")
    private static <T> Gen<T> widen(Gen<? extends T> gen) {
        return (Gen<T>) gen;
    }

    /**
     * @param element the element generator
     * @param minSize fewest elements
     * @param maxSize most elements (scaled down with the run's size)
     * @param <T> element type
     * @return lists shrinking by dropping elements, then shrinking elements
     */
    public static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
        return (random, size) -> {
            int upper = scaled(minSize, maxSize, size);
            int n = minSize + random.nextInt(upper - minSize + 1);
            List<Shrinkable<T>> elems = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                elems.add(element.generate(random, size));
            }
            return Shrinkable.list(elems, minSize);
        };
    }

    /**
     * @param element the element generator
     * @param length exactly this many elements
     * @param <T> element type
     * @return fixed-length lists shrinking by simplifying chunks, then single elements
     */
    public static <T> Gen<List<T>> fixedLists(Gen<T> element, int length) {
        return (random, size) -> {
            List<Shrinkable<T>> elems = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                elems.add(element.generate(random, size));
            }
            return Shrinkable.fixedList(elems);
        };
    }

    /**
     * @param element element generator
     * @param length exactly this many elements
     * @return float arrays (tensor data), shrinking as {@link #fixedLists(Gen, int)}
     */
    public static Gen<float[]> floatArrays(Gen<Float> element, int length) {
        return fixedLists(element, length).map(list -> {
            float[] out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        });
    }

    /**
     * @param element element generator
     * @param length exactly this many elements
     * @return int arrays (tensor data), shrinking as {@link #fixedLists(Gen, int)}
     */
    public static Gen<int[]> intArrays(Gen<Integer> element, int length) {
        return fixedLists(element, length)
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * @param minRank smallest rank
     * @param maxRank largest rank (scaled with the run's size)
     * @param dim generator of one dimension
     * @return shapes, shrinking to smaller rank first (dropping any dimension), then smaller dimensions
     */
    public static Gen<Shape> shapes(int minRank, int maxRank, Gen<Integer> dim) {
        // A resizable list of dimensions: shrinking removes dimensions anywhere (a unit one in the
        // middle too), then shrinks the remaining ones.
        return lists(dim, minRank, maxRank).map(Shape::of);
    }

    /**
     * @param minRank smallest rank
     * @param maxRank largest rank
     * @param maxDim largest dimension (scaled with the run's size); dimensions shrink toward 1
     * @param emptyOdds one dimension in this many is 0 (an empty tensor); 0 for never
     * @return shapes
     */
    public static Gen<Shape> shapes(int minRank, int maxRank, int maxDim, int emptyOdds) {
        return shapes(minRank, maxRank, dims(maxDim, emptyOdds));
    }

    /**
     * @param maxDim largest dimension (scaled with the run's size)
     * @param emptyOdds one dimension in this many is 0; 0 for never
     * @return dimensions, shrinking toward 1
     */
    public static Gen<Integer> dims(int maxDim, int emptyOdds) {
        Gen<Integer> positive = (random, size) -> {
            int upper = scaled(1, maxDim, size);
            int v = 1 + random.nextInt(upper);
            return NumberShrinks.toward(v, 1).map(Long::intValue);
        };
        if (emptyOdds <= 0) {
            return positive;
        }
        return frequency(weighted(emptyOdds - 1, positive), weighted(1, constant(0)));
    }

    /**
     * @param a first generator
     * @param b second generator
     * @param <A> first type
     * @param <B> second type
     * @return pairs, shrinking the first part, then the second
     */
    public static <A, B> Gen<Tuple2<A, B>> tuples(Gen<A> a, Gen<B> b) {
        return (random, size) -> Shrinkable.zip(a.generate(random, size), b.generate(random, size), Tuple2::new);
    }

    /**
     * @param a first generator
     * @param b second generator
     * @param c third generator
     * @param <A> first type
     * @param <B> second type
     * @param <C> third type
     * @return triples, shrinking part by part
     */
    public static <A, B, C> Gen<Tuple3<A, B, C>> tuples(Gen<A> a, Gen<B> b, Gen<C> c) {
        return (random, size) -> Shrinkable.zip(
                Shrinkable.zip(a.generate(random, size), b.generate(random, size), Tuple2::new),
                c.generate(random, size),
                (ab, cv) -> new Tuple3<>(ab.first(), ab.second(), cv));
    }

    /**
     * Schedules values that a run must meet for its first cases, whatever the seed: the case of index
     * {@code i} (see {@link CaseId#earlyIndex(int)}) is drawn from {@code first.get(i)} when that is not
     * null, every other case from {@code rest}. For the shapes a random draw may miss at some seed
     * (a kind of large case drawn one time in forty): a run of at least {@code first.size()} cases then
     * reaches each of them. Values generated outside a run (at full size) all come from {@code rest}.
     *
     * @param rest the generator of every other case
     * @param first the generators of the first cases, null where {@code rest} applies (at most 15)
     * @param <T> the value type
     * @return the scheduled generator
     */
    public static <T> ScheduledGen<T> firstCases(Gen<T> rest, List<? extends Gen<? extends T>> first) {
        if (first.size() > 15) {
            throw new IllegalArgumentException(
                    "only the first 15 cases of a run can be scheduled, got " + first.size());
        }
        List<Gen<? extends T>> copy = new ArrayList<>(first);
        return new ScheduledGen<T>() {
            @Override
            public boolean schedules(int index) {
                return index >= 0 && index < copy.size() && copy.get(index) != null;
            }

            @Override
            public Shrinkable<T> generate(SplittableRandom random, int size) {
                Gen<T> gen = schedules(CaseId.earlyIndex(size)) ? widen(copy.get(CaseId.earlyIndex(size))) : rest;
                return gen.generate(random, size);
            }
        };
    }

    /**
     * A generator derived from another (mapped, decorated) that keeps its schedule: when {@code original} schedules
     * early cases ({@link ScheduledGen}), so does the result, so that a mix of generators (one claim covered by two)
     * still takes those cases from it.
     *
     * @param original the generator the other was derived from
     * @param derived the derived generator
     * @param <T> the original's value type
     * @param <U> the derived value type
     * @return {@code derived}, scheduled as {@code original} is
     */
    public static <T, U> Gen<U> keepingSchedule(Gen<T> original, Gen<U> derived) {
        if (!(original instanceof ScheduledGen<T> scheduled)) {
            return derived;
        }
        return new ScheduledGen<U>() {
            @Override
            public boolean schedules(int index) {
                return scheduled.schedules(index);
            }

            @Override
            public Shrinkable<U> generate(SplittableRandom random, int size) {
                return derived.generate(random, size);
            }
        };
    }

    /** Upper bound between min and max growing with size: min at size 0, max at {@link Gen#MAX_SIZE}. */
    static int scaled(int min, int max, int size) {
        long span = (long) max - min;
        return (int) (min + (span * Math.max(0, Math.min(Gen.MAX_SIZE, size)) + Gen.MAX_SIZE - 1) / Gen.MAX_SIZE);
    }
}
