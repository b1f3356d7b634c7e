package dev.vela.conformance.cases.ops;

import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

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

    private LargeShapes() {
    }

    /**
     * The matrix product shapes of the large cases, as {@code {M, K, N}}:
     * a row vector times a matrix (a fully connected layer at batch 1, 1 x K with K past {@value #BEYOND}),
     * a deep reduction (K past it), a wide output (N past it), a tall one (M past it), and all three between
     * 9 and 70 (every remainder modulo 4, 8 and 16). Each dimension shrinks toward its smallest value.
     *
     * @return the shapes
     */
    static Gen<int[]> matrices() {
        return Knobs.of(0, 4, 0, 800, 0, 300, 0, 61).map(k -> switch (k[0]) {
            case 0 -> new int[] {1, BEYOND + k[1], 1 + k[2]};
            case 1 -> new int[] {1 + k[3] % 9, BEYOND + k[1] / 2, 1 + k[2] % 40};
            case 2 -> new int[] {1 + k[3] % 9, 1 + k[1] % 40, BEYOND + k[2]};
            case 3 -> new int[] {BEYOND + k[2], 1 + k[3] % 20, 1 + (k[1] % 20)};
            default -> new int[] {9 + k[3], 9 + (k[1] % 62), 9 + (k[2] % 62)};
        });
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
