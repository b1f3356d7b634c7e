package dev.vela.samples.signal.dsp;

/**
 * SignalFilterBankSpectralSubtraction: tracks a per-channel noise estimate with a one-pole low-pass filter and
 * subtracts it, keeping at least a fraction of the signal (TFLite Micro
 * {@code signal/src/filter_bank_spectral_subtraction.cc}). The noise estimate is the operator's state: it carries
 * from one frame to the next and starts at zero (TFLite Micro resets it in Prepare and on Reset).
 *
 * @param numChannels              channels per frame
 * @param smoothing                filter coefficient for even channels, scaled by 2^spectralSubtractionBits
 * @param oneMinusSmoothing        its complement
 * @param alternateSmoothing       coefficient for odd channels
 * @param alternateOneMinusSmoothing its complement
 * @param minSignalRemaining       the fraction of the signal always kept, same scale
 * @param smoothingBits            extra fractional bits of the noise estimate
 * @param spectralSubtractionBits  scale of the coefficients
 * @param clamping                 whether the estimate is pulled down to the signal when it exceeds it
 */
public record SpectralSubtraction(
        int numChannels,
        int smoothing,
        int oneMinusSmoothing,
        int alternateSmoothing,
        int alternateOneMinusSmoothing,
        int minSignalRemaining,
        int smoothingBits,
        int spectralSubtractionBits,
        boolean clamping) {

    /**
     * Processes one frame.
     *
     * @param input         uint32 per channel
     * @param output        uint32 per channel
     * @param noiseEstimate the state, updated in place (uint32 per channel)
     */
    public void apply(int[] input, int[] output, int[] noiseEstimate) {
        if (input.length < numChannels || output.length < numChannels || noiseEstimate.length < numChannels) {
            throw new IllegalArgumentException("spectral subtraction of " + numChannels + " channels got input "
                    + input.length + ", output " + output.length + ", noise estimate " + noiseEstimate.length);
        }
        for (int i = 0; i < numChannels; i++) {
            boolean even = (i & 1) == 0;
            long coefficient = Bits.u32(even ? smoothing : alternateSmoothing);
            long complement = Bits.u32(even ? oneMinusSmoothing : alternateOneMinusSmoothing);
            int signalScaledUp = input[i] << smoothingBits;
            noiseEstimate[i] = (int) ((Bits.u32(signalScaledUp) * coefficient + Bits.u32(noiseEstimate[i]) * complement)
                    >>> spectralSubtractionBits);
            int estimateScaledUp = noiseEstimate[i];
            if (Integer.compareUnsigned(estimateScaledUp, signalScaledUp) > 0) {
                estimateScaledUp = signalScaledUp;
                if (clamping) {
                    noiseEstimate[i] = estimateScaledUp;
                }
            }
            int floor = (int) ((Bits.u32(input[i]) * Bits.u32(minSignalRemaining)) >>> spectralSubtractionBits);
            int subtracted = (signalScaledUp - estimateScaledUp) >>> smoothingBits;
            output[i] = Integer.compareUnsigned(subtracted, floor) > 0 ? subtracted : floor;
        }
    }
}
