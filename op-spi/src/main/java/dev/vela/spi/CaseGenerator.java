package dev.vela.spi;

import java.util.random.RandomGenerator;

/**
 * A vendor's generator of valid cases for its custom operator, which the conformance kit drives
 * with its own seeded property engine: the kit chooses the seed and the size, so a failing case
 * is reproduced from the replay line the kit prints, and shrunk by asking for smaller sizes.
 * Must be deterministic: the same random sequence and size give the same case.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
@FunctionalInterface
public interface CaseGenerator {

    /**
     * @param random the only source of randomness to use
     * @param size how large the case may be, from 0 (smallest) to 100; the kit shrinks by lowering it
     * @return a node the definition admits and values for its inputs
     */
    GeneratedCase generate(RandomGenerator random, int size);
}
