package dev.vela.runtime.audio;

/**
 * Mono 16-bit PCM samples at a sample rate.
 *
 * @param sampleRate samples per second
 * @param samples    the samples (shared, not copied: callers treat them as read-only)
 */
public record PcmAudio(int sampleRate, short[] samples) {
    /** @return the duration in milliseconds, rounded down */
    public long durationMillis() {
        return samples.length * 1000L / sampleRate;
    }
}
