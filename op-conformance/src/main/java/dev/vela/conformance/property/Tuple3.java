package dev.vela.conformance.property;

/**
 * Three generated values.
 *
 * @param first the first
 * @param second the second
 * @param third the third
 * @param <A> first type
 * @param <B> second type
 * @param <C> third type
 */
public record Tuple3<A, B, C>(A first, B second, C third) {}
