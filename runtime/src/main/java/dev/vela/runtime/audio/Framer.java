package dev.vela.runtime.audio;

import java.util.Arrays;

/**
 * Cuts samples into windows of {@code window} samples that start every {@code stride} samples, as TFLite Micro's
 * micro_speech example feeds its audio preprocessor: only whole windows, at most {@code maxFrames} of them (49
 * windows of 480 samples every 320 cover one second at 16 kHz).
 *
 * @param window    samples per window, at least 1
 * @param stride    samples between window starts, at least 1
 * @param maxFrames the most windows to cut, at least 1
 */
public record Framer(int window, int stride, int maxFrames) {
    /** Checks the parameters. */
    public Framer {
        if (window < 1 || stride < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("window " + window + ", stride " + stride + " and max frames "
                    + maxFrames + " must all be at least 1");
        }
    }

    /**
     * A framer for durations in milliseconds at a sample rate.
     *
     * @param sampleRate  samples per second
     * @param windowMs    window length in ms
     * @param strideMs    stride in ms
     * @param maxFrames   the most windows
     * @return the framer
     */
    public static Framer ofMillis(int sampleRate, int windowMs, int strideMs, int maxFrames) {
        return new Framer(
                Math.multiplyExact(windowMs, sampleRate) / 1000,
                Math.multiplyExact(strideMs, sampleRate) / 1000,
                maxFrames);
    }

    /** @return how many windows {@code sampleCount} samples give */
    public int frameCount(int sampleCount) {
        if (sampleCount < window) {
            return 0;
        }
        return (int) Math.min(maxFrames, (sampleCount - window) / (long) stride + 1);
    }

    /**
     * @param samples the audio
     * @return {@link #frameCount(int)} windows, each a copy
     */
    public short[][] frames(short[] samples) {
        int n = frameCount(samples.length);
        short[][] out = new short[n][];
        for (int f = 0; f < n; f++) {
            int start = f * stride;
            out[f] = Arrays.copyOfRange(samples, start, start + window);
        }
        return out;
    }
}
