package dev.vela.conformance.cases.ops;

import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * Matrix and convolution sizes beyond the blocks vendors tile with (64, 128, 256 and multiples of 4, 8 and 16),
 * drawn at modest frequency next to the small cases, so that a second block, a remainder block and panels of
 * every size are computed. Each shape keeps the multiply-adds near 0.5 million at most, so a run over every
 * claim stays within the kit's time budget. Values are seeded, not drawn element by element (a list of 300,000
 * shrinkable elements would cost more than the kernel), and non-periodic so an indexing bug cannot hide.
 */
final class LargeShapes {

    /** One case in this many of Gemm, MatMul and float Conv is large. */
    static final int ONE_IN = 8;

    /** Smallest large dimension: one past the largest common block size. */
    static final int BEYOND = 257;

    private LargeShapes() {}

    /**
     * The matrix product shapes of the large cases, as {@code {M, K, N}}:
     * a row vector times a matrix (a fully connected layer at batch 1, 1 x K with K past {@value #BEYOND}),
     * a deep reduction (K past it), a wide output (N past it), a tall one (M past it), and all three between
     * 9 and 70 (every remainder modulo 4, 8 and 16). Each dimension shrinks toward its smallest value.
     *
     * @return the shapes
     */
    static Gen<int[]> matrices() {
        return Gens.ints(0, KINDS - 1).flatMap(LargeShapes::matrices);
    }

    /** The number of kinds of {@link #matrices()}. */
    static final int KINDS = 5;

    /**
     * @param kind 0 GEMV, 1 deep K, 2 wide N, 3 tall M, 4 mid-sized remainders
     * @return the shapes of that kind, as {@code {M, K, N}}
     */
    static Gen<int[]> matrices(int kind) {
        return Knobs.of(0, 800, 0, 300, 0, 61).map(k -> switch (kind) {
            case 0 -> new int[] {1, BEYOND + k[0], 1 + k[1]};
            case 1 -> new int[] {1 + k[2] % 9, BEYOND + k[0] / 2, 1 + k[1] % 40};
            case 2 -> new int[] {1 + k[2] % 9, 1 + k[0] % 40, BEYOND + k[1]};
            case 3 -> new int[] {BEYOND + k[1], 1 + k[2] % 20, 1 + (k[0] % 20)};
            default -> new int[] {9 + k[2], 9 + (k[0] % 62), 9 + (k[1] % 62)};
        });
    }

    /**
     * The first cases of a run of Gemm, MatMul or float Conv: one large case of each kind, every other case, so
     * that each kind is computed at any seed (drawn one time in {@value #ONE_IN} among five kinds, a kind would
     * be missed by one run of 80 cases in eight).
     *
     * @param rest the generator of the other cases
     * @param kinds the generators of the large cases, one per kind
     * @param <T> the value type
     * @return the scheduled generator
     */
    static <T> Gen<T> eachKindFirst(Gen<T> rest, List<Gen<T>> kinds) {
        List<Gen<T>> first = new java.util.ArrayList<>();
        for (Gen<T> kind : kinds) {
            first.add(null);
            first.add(kind);
        }
        return Gens.firstCases(rest, first);
    }

    /**
     * @param type a floating or integer tensor type
     * @param seed the data seed
     * @return the tensor with values in [-1, 1] (floats, some exactly 0 and ±1) or small integers
     */
    static Tensor fill(TensorType type, long seed) {
        DataType t = type.dataType();
        if (t.isFloatingPoint()) {
            return QuantGens.fillFloats(type, seed, 1f);
        }
        boolean unsigned = t == DataType.UINT8 || t == DataType.UINT16 || t == DataType.UINT32 || t == DataType.UINT64;
        return QuantGens.fill(type, seed, 0, unsigned ? 0 : -100, 100);
    }

    /** @return data seeds */
    static Gen<Long> seeds() {
        return Gens.longs(0, Long.MAX_VALUE);
    }
}
