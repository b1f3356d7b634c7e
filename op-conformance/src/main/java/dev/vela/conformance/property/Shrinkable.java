package dev.vela.conformance.property;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A generated value together with the lazily computed values it may shrink to, simplest first
 * (integrated shrinking: shrinking a composed value shrinks its parts, so every candidate is a
 * value the generator could have produced).
 *
 * @param <T> the value type
 */
public final class Shrinkable<T> {

    private final T value;
    private final Supplier<Stream<Shrinkable<T>>> shrinks;

    private Shrinkable(T value, Supplier<Stream<Shrinkable<T>>> shrinks) {
        this.value = value;
        this.shrinks = shrinks;
    }

    /**
     * @param value a value
     * @param shrinks its shrink candidates, simplest first, computed on demand
     * @param <T> the value type
     * @return the shrinkable
     */
    public static <T> Shrinkable<T> of(T value, Supplier<Stream<Shrinkable<T>>> shrinks) {
        return new Shrinkable<>(value, Objects.requireNonNull(shrinks));
    }

    /**
     * @param value a value that does not shrink
     * @param <T> the value type
     * @return the shrinkable
     */
    public static <T> Shrinkable<T> unshrinkable(T value) {
        return new Shrinkable<>(value, Stream::empty);
    }

    /** @return the value */
    public T value() {
        return value;
    }

    /** @return the shrink candidates, simplest first */
    public Stream<Shrinkable<T>> shrinks() {
        return shrinks.get();
    }

    /**
     * @param f a function
     * @param <U> the result type
     * @return the mapped value, shrinking as this one does
     */
    public <U> Shrinkable<U> map(Function<? super T, ? extends U> f) {
        return new Shrinkable<>(f.apply(value), () -> shrinks().map(s -> s.map(f)));
    }

    /**
     * @param predicate what every candidate must satisfy
     * @return this value with only the candidates (at any depth) that satisfy the predicate
     */
    public Shrinkable<T> filter(Predicate<? super T> predicate) {
        return new Shrinkable<>(
                value, () -> shrinks().filter(s -> predicate.test(s.value)).map(s -> s.filter(predicate)));
    }

    /**
     * Monadic bind: shrinks the outer value first (rebuilding the inner one with {@code f}, which
     * must be deterministic), then the inner value with the outer one fixed.
     *
     * @param outer the outer value
     * @param f builds the inner shrinkable from an outer value
     * @param <T> outer type
     * @param <U> inner type
     * @return the composed shrinkable
     */
    public static <T, U> Shrinkable<U> bind(Shrinkable<T> outer, Function<? super T, Shrinkable<U>> f) {
        return bindWith(outer, f.apply(outer.value), f);
    }

    private static <T, U> Shrinkable<U> bindWith(
            Shrinkable<T> outer, Shrinkable<U> inner, Function<? super T, Shrinkable<U>> f) {
        return new Shrinkable<>(
                inner.value,
                () -> Stream.concat(
                        outer.shrinks().map(o -> bind(o, f)), inner.shrinks().map(i -> bindWith(outer, i, f))));
    }

    /**
     * @param a first part
     * @param b second part
     * @param combine builds the whole
     * @param <A> first type
     * @param <B> second type
     * @param <R> result type
     * @return the pair, shrinking the first part, then the second
     */
    public static <A, B, R> Shrinkable<R> zip(
            Shrinkable<A> a, Shrinkable<B> b, BiFunction<? super A, ? super B, ? extends R> combine) {
        return new Shrinkable<>(
                combine.apply(a.value, b.value),
                () -> Stream.concat(
                        a.shrinks().map(x -> zip(x, b, combine)), b.shrinks().map(y -> zip(a, y, combine))));
    }

    /**
     * A list that shrinks by removing chunks of elements (halves first, then smaller chunks, never
     * below {@code minSize}), then by shrinking single elements.
     *
     * @param elements the element shrinkables
     * @param minSize fewest elements allowed
     * @param <T> element type
     * @return the list shrinkable
     */
    public static <T> Shrinkable<List<T>> list(List<Shrinkable<T>> elements, int minSize) {
        List<Shrinkable<T>> elems = List.copyOf(elements);
        return new Shrinkable<>(
                values(elems), () -> Stream.concat(removals(elems, minSize), elementShrinks(elems, true, minSize)));
    }

    /**
     * A list whose length is fixed (tensor elements): it shrinks by replacing chunks of elements
     * with their simplest candidate (all of it, halves, quarters, ...), then single elements.
     *
     * @param elements the element shrinkables
     * @param <T> element type
     * @return the list shrinkable
     */
    public static <T> Shrinkable<List<T>> fixedList(List<Shrinkable<T>> elements) {
        List<Shrinkable<T>> elems = List.copyOf(elements);
        return new Shrinkable<>(
                values(elems), () -> Stream.concat(simplifications(elems), elementShrinks(elems, false, 0)));
    }

    private static <T> List<T> values(List<Shrinkable<T>> elems) {
        List<T> out = new ArrayList<>(elems.size());
        for (Shrinkable<T> s : elems) {
            out.add(s.value);
        }
        return Collections.unmodifiableList(out);
    }

    private static <T> Stream<Shrinkable<List<T>>> removals(List<Shrinkable<T>> elems, int minSize) {
        int n = elems.size();
        return chunkSizes(n)
                .filter(k -> n - k >= minSize)
                .boxed()
                .flatMap(k -> IntStream.iterate(0, start -> start + k <= n, start -> start + k)
                        .mapToObj(start -> {
                            List<Shrinkable<T>> rest = new ArrayList<>(elems.subList(0, start));
                            rest.addAll(elems.subList(start + k, n));
                            return list(rest, minSize);
                        }));
    }

    private static <T> Stream<Shrinkable<List<T>>> simplifications(List<Shrinkable<T>> elems) {
        int n = elems.size();
        return chunkSizes(n)
                .boxed()
                .flatMap(k -> IntStream.iterate(0, start -> start + k <= n, start -> start + k)
                        .mapToObj(start -> {
                            List<Shrinkable<T>> copy = new ArrayList<>(elems);
                            boolean changed = false;
                            for (int i = start; i < start + k; i++) {
                                Shrinkable<T> simplest =
                                        copy.get(i).shrinks().findFirst().orElse(null);
                                if (simplest != null) {
                                    copy.set(i, simplest);
                                    changed = true;
                                }
                            }
                            return changed ? fixedList(copy) : null;
                        })
                        .filter(Objects::nonNull));
    }

    /** Chunk sizes n, n/2, n/4, ..., 1 (distinct, positive). */
    private static IntStream chunkSizes(int n) {
        return IntStream.iterate(n, k -> k > 0, k -> k == 1 ? 0 : Math.max(1, k / 2));
    }

    private static <T> Stream<Shrinkable<List<T>>> elementShrinks(
            List<Shrinkable<T>> elems, boolean resizable, int minSize) {
        return IntStream.range(0, elems.size())
                .boxed()
                .flatMap(i -> elems.get(i).shrinks().map(s -> {
                    List<Shrinkable<T>> copy = new ArrayList<>(elems);
                    copy.set(i, s);
                    return resizable ? list(copy, minSize) : fixedList(copy);
                }));
    }

    @Override
    public String toString() {
        return "Shrinkable(" + value + ")";
    }
}
