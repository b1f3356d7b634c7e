package dev.vela.samples.javacpu.gemm;

import dev.vela.spi.semantics.FusedActivation;

/**
 * What happens to an accumulated GEMM tile before it is stored:
 * {@code out = clamp(alpha * acc + rowBias[row] + columnBias[col] + (accumulate ? out : 0))}. Immutable.
 *
 * @param alpha scale of the product
 * @param rowBias per-row addend (a convolution's bias per output channel when channels are rows), or null
 * @param columnBias per-column addend (the bias when channels are columns, as in NHWC), or null
 * @param accumulate whether to add the value already in the output (Gemm's pre-filled {@code beta * C})
 * @param activation the clamp applied last
 */
public record Epilogue(
        float alpha, float[] rowBias, float[] columnBias, boolean accumulate, FusedActivation activation) {

    /** Plain product, nothing added. */
    public static final Epilogue NONE = new Epilogue(1f, null, null, false, FusedActivation.NONE);

    /**
     * @param activation the clamp
     * @return a plain product with that clamp
     */
    public static Epilogue of(FusedActivation activation) {
        return new Epilogue(1f, null, null, false, activation);
    }
}
