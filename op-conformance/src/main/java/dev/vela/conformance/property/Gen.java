package dev.vela.conformance.property;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A seeded generator of shrinkable values. {@code size} (0..100) grows over a run so that early
 * cases are small; generators of collections and shapes scale their upper bounds with it.
 * Generation must depend only on the random source and the size, so that a case can be
 * regenerated from its {@link CaseId}.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface Gen<T> {

    /** The largest size; a run reaches it after a few cases. */
    int MAX_SIZE = 100;

    /**
     * @param random the random source (consumed)
     * @param size 0..{@link #MAX_SIZE}
     * @return a value with its shrink candidates
     */
    Shrinkable<T> generate(SplittableRandom random, int size);

    /**
     * @param f a function
     * @param <U> the result type
     * @return a generator of mapped values, shrinking as this one does
     */
    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        return (random, size) -> generate(random, size).map(f);
    }

    /**
     * A dependent generator. Shrinking shrinks this generator's value first, regenerating the
     * dependent value from the same random stream, then the dependent value.
     *
     * @param f chooses the dependent generator from this one's value
     * @param <U> the result type
     * @return the composed generator
     */
    default <U> Gen<U> flatMap(Function<? super T, ? extends Gen<U>> f) {
        return (random, size) -> {
            Shrinkable<T> outer = generate(random, size);
            long innerSeed = random.nextLong();
            return Shrinkable.bind(outer, t -> f.apply(t).generate(new SplittableRandom(innerSeed), size));
        };
    }

    /**
     * @param predicate what values must satisfy
     * @return values that satisfy it, retrying up to 100 times per value
     */
    default Gen<T> filter(Predicate<? super T> predicate) {
        return filter(predicate, 100);
    }

    /**
     * @param predicate what values (and shrink candidates) must satisfy
     * @param maxRetries how many values to try before giving up
     * @return values that satisfy it
     * @throws GenerationException (when generating) if no value satisfies it within the retries
     */
    default Gen<T> filter(Predicate<? super T> predicate, int maxRetries) {
        return (random, size) -> {
            for (int i = 0; i < maxRetries; i++) {
                Shrinkable<T> s = generate(random, size);
                if (predicate.test(s.value())) {
                    return s.filter(predicate);
                }
            }
            throw new GenerationException("filter rejected " + maxRetries
                    + " values in a row; loosen the filter or generate valid values directly");
        };
    }

    /**
     * @param seed a seed
     * @return one value at full size, for examples and debugging
     */
    default T sample(long seed) {
        return generate(new SplittableRandom(seed), MAX_SIZE).value();
    }
}
