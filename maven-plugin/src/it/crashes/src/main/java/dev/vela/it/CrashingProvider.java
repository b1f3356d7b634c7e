package dev.vela.it;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/** The tiny Relu, misbehaving on purpose: a native crash inside a kernel call. */
public final class CrashingProvider extends TinyProvider {
    /** Writes to address 0 through sun.misc.Unsafe: SIGSEGV, as a buggy native kernel would. */
    @Override
    protected void onLargeInput() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            ((Unsafe) f.get(null)).putAddress(0L, 42L);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
