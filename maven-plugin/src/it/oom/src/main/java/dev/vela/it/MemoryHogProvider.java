package dev.vela.it;

import java.util.ArrayList;
import java.util.List;

/** The tiny Relu, misbehaving on purpose: a kernel call that allocates until the heap is gone. */
public final class MemoryHogProvider extends TinyProvider {
    /** Keeps every allocation reachable. */
    private static final List<long[]> HOARD = new ArrayList<>();

    @Override
    protected void onLargeInput() {
        while (true) {
            HOARD.add(new long[1 << 20]);
        }
    }
}
