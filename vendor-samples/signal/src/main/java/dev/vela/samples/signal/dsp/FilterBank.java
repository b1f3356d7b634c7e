package dev.vela.samples.signal.dsp;

/**
 * SignalFilterBank: accumulates an energy spectrum into mel channels with triangular weights
 * (TFLite Micro {@code signal/src/filter_bank.cc}, {@code signal/micro/kernels/filter_bank.cc}).
 *
 * <p>Each bin feeds two adjacent channels: {@code weight * energy} to one and {@code unweight * energy} to the next,
 * so the C code computes {@code numChannels + 1} sums and drops the first (scratch). The int16 weights are widened to
 * uint64 by C's conversion rules (a negative weight becomes 2⁶⁴ + w) and the sums wrap modulo 2⁶⁴; Java's {@code long}
 * arithmetic produces the same bits.
 */
public final class FilterBank {
    private FilterBank() {}

    /**
     * @param energy         uint32 energy per spectrum bin
     * @param weights        int16 weights, indexed from {@code weightStarts}
     * @param unweights      int16 (1 - weight) values, same indexing
     * @param frequencyStarts first spectrum bin of each of the {@code numChannels + 1} channels
     * @param weightStarts   first weight index of each channel
     * @param widths         number of bins of each channel
     * @param numChannels    channels produced
     * @param output         uint64 per channel ({@code numChannels} values)
     */
    public static void apply(
            int[] energy,
            short[] weights,
            short[] unweights,
            short[] frequencyStarts,
            short[] weightStarts,
            short[] widths,
            int numChannels,
            long[] output) {
        int tables = numChannels + 1;
        if (numChannels < 1
                || frequencyStarts.length < tables
                || weightStarts.length < tables
                || widths.length < tables
                || output.length < numChannels) {
            throw new IllegalArgumentException("num_channels " + numChannels + " needs " + tables
                    + " channel starts, weight starts and widths and " + numChannels + " outputs; got "
                    + frequencyStarts.length + ", " + weightStarts.length + ", " + widths.length + " and "
                    + output.length);
        }
        checkBands(
                energy.length,
                Math.min(weights.length, unweights.length),
                frequencyStarts,
                weightStarts,
                widths,
                tables);
        long weighted = 0;
        long unweighted = 0;
        for (int channel = 0; channel < tables; channel++) {
            int frequencyStart = frequencyStarts[channel];
            int weightStart = weightStarts[channel];
            for (int j = 0; j < widths[channel]; j++) {
                long bin = Bits.u32(energy[frequencyStart + j]);
                weighted += weights[weightStart + j] * bin;
                unweighted += unweights[weightStart + j] * bin;
            }
            if (channel > 0) {
                output[channel - 1] = weighted;
            }
            weighted = unweighted;
            unweighted = 0;
        }
    }

    /** Every channel's bins and weights must lie inside the arrays (TFLite Micro does not check). */
    private static void checkBands(
            int bins, int weightCount, short[] frequencyStarts, short[] weightStarts, short[] widths, int tables) {
        for (int channel = 0; channel < tables; channel++) {
            int width = widths[channel];
            int frequencyStart = frequencyStarts[channel];
            int weightStart = weightStarts[channel];
            if (width < 0
                    || frequencyStart < 0
                    || weightStart < 0
                    || frequencyStart + width > bins
                    || weightStart + width > weightCount) {
                throw new IllegalArgumentException("filter bank channel " + channel + " (frequency start "
                        + frequencyStart + ", weight start " + weightStart + ", width " + width
                        + ") reaches outside the " + bins + " spectrum bins or the " + weightCount + " weights");
            }
        }
    }
}
