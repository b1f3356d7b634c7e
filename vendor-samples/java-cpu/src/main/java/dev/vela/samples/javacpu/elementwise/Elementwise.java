package dev.vela.samples.javacpu.elementwise;

import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.Invocation;
import dev.vela.spi.Tensor;

/** What the element-wise kernels share: bulk reads into the thread's workspace and when to use threads. */
final class Elementwise {

    /** Below this many elements the work stays on the calling thread: a hand-off costs more than it saves. */
    static final int PARALLEL_MIN_ELEMENTS = 1 << 17;

    private Elementwise() {}

    /**
     * @param inv the invocation
     * @param index an input position
     * @param slot the workspace slot to copy it into
     * @return the input's values (the first {@code elementCount} elements of the slot's array)
     */
    static float[] read(Invocation inv, int index, int slot) {
        Tensor t = inv.input(index);
        int count = t.elementCount();
        float[] a = Workspace.floats(slot, count);
        t.floats().get(0, a, 0, count);
        return a;
    }

    /**
     * @param inv the invocation
     * @param elements elements to compute
     * @return the threads worth using
     */
    static int threads(Invocation inv, int elements) {
        return elements < PARALLEL_MIN_ELEMENTS ? 1 : inv.threads();
    }
}
