package dev.vela.samples.signal.dsp;

/**
 * SignalEnergy: the squared magnitude of complex int16 spectrum bins {@code [start, end)}
 * (TFLite Micro {@code signal/src/energy.cc}). The sum is formed in int32 and read as uint32, so the one case that
 * exceeds int32 ({@code -32768² + -32768²}) still gives its true value 2³¹.
 */
public final class Energy {
    private Energy() {}

    /**
     * @param spectrum interleaved (real, imaginary) int16 pairs
     * @param start    first bin to compute
     * @param end      one past the last bin
     * @param output   uint32 per bin; bins outside {@code [start, end)} are set to zero (TFLite Micro leaves them
     *                 unwritten, and every graph that uses the operator slices them away)
     */
    public static void apply(short[] spectrum, int start, int end, int[] output) {
        int bins = spectrum.length / 2;
        if (start < 0 || start > end || end > bins || end > output.length) {
            throw new IllegalArgumentException("bins [" + start + ", " + end + ") outside a spectrum of " + bins
                    + " bins or an output of " + output.length);
        }
        java.util.Arrays.fill(output, 0);
        for (int i = start; i < end; i++) {
            int real = spectrum[2 * i];
            int imag = spectrum[2 * i + 1];
            output[i] = real * real + imag * imag;
        }
    }
}
