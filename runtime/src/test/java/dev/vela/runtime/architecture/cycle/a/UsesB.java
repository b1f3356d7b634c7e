package dev.vela.runtime.architecture.cycle.a;

import dev.vela.runtime.architecture.cycle.b.UsesA;

/** One half of a deliberate package cycle: proves PackageCyclesTest's rule reports one. */
public final class UsesB {

    /** @return a reference into the other package */
    public UsesA other() {
        return new UsesA();
    }
}
