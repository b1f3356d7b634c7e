package dev.vela.it;

/** The tiny Relu, misbehaving on purpose: a kernel call that never returns. */
public final class HangingProvider extends TinyProvider {
    /** Loops forever, ignoring interrupts. */
    @Override
    protected void onLargeInput() {
        long n = 0;
        while (n >= 0) {
            n = (n + 1) & 0xffff;
        }
    }
}
