package dev.vela.samples.javacpu.support;

/**
 * Reusable float arrays of the calling thread, so a kernel invocation allocates nothing in
 * proportion to its tensors: inputs are bulk-copied into one slot, outputs built in another and
 * bulk-copied out. Kernels of this sample never run inside one another on a thread (a provider
 * pool worker runs one share at a time, a session thread one node at a time), so a slot is free
 * whenever a kernel starts; a kernel must not keep a slot's array beyond its invocation. Each
 * thread has its own arrays, so concurrent invocations (the SPI's concurrency contract) never
 * share one. Arrays only grow; the largest tensor a thread has seen bounds what it holds.
 */
public final class Workspace {

    /** The first input of a kernel. */
    public static final int INPUT = 0;
    /** A second input (binary element-wise). */
    public static final int INPUT2 = 1;
    /** The output being built. */
    public static final int OUTPUT = 2;
    /** Per-share working memory inside a kernel (packed panels, shifted rows). */
    public static final int WORK = 3;
    /** A second per-share working array. */
    public static final int WORK2 = 4;

    /** Zero-padded input planes (stride-1 convolution). */
    public static final int PADDED = 5;
    /** A result computed on a wider grid than the output (stride-1 convolution). */
    public static final int WIDE = 6;

    private static final int SLOTS = 7;

    private static final ThreadLocal<Workspace> CURRENT = ThreadLocal.withInitial(Workspace::new);

    private final float[][] slots = new float[SLOTS][];

    private Workspace() {}

    /**
     * @param slot one of the slot constants
     * @param length minimum length
     * @return the calling thread's array for that slot, at least {@code length} long; contents unspecified
     */
    public static float[] floats(int slot, int length) {
        Workspace w = CURRENT.get();
        float[] a = w.slots[slot];
        if (a == null || a.length < length) {
            // Round up so slowly growing shapes do not reallocate at every step.
            a = new float[Math.max(length, a == null ? 0 : a.length + (a.length >> 1))];
            w.slots[slot] = a;
        }
        return a;
    }
}
