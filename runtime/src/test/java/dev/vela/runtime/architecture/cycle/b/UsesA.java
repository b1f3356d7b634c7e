package dev.vela.runtime.architecture.cycle.b;

import dev.vela.runtime.architecture.cycle.a.UsesB;

/** The other half of the deliberate package cycle of PackageCyclesTest. */
public final class UsesA {

    /** @return a reference into the other package */
    public UsesB other() {
        return new UsesB();
    }
}
