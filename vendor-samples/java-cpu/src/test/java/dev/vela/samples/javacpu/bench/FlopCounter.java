package dev.vela.samples.javacpu.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts floating-point operations; with {@code Type.OPERATIONS} JMH reports the count as a rate,
 * so the {@code flop} secondary result reads directly as FLOP/s (divide by 1e9 for GFLOP/s).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class FlopCounter {

    /** Floating-point operations done so far in this iteration. */
    public long flop;

    /** Clears the counter before each iteration. */
    @Setup(Level.Iteration)
    public void clear() {
        flop = 0;
    }
}
