package dev.vela.conformance.property;

/**
 * Two generated values.
 *
 * @param first the first
 * @param second the second
 * @param <A> first type
 * @param <B> second type
 */
public record Tuple2<A, B>(A first, B second) {}
