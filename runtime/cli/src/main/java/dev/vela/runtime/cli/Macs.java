package dev.vela.runtime.cli;

import dev.vela.runtime.profile.NodeTypes;

/** The commands' name for {@link dev.vela.runtime.profile.Macs}, which the fallback policy shares. */
final class Macs {

    private Macs() {}

    /**
     * @param node a node with its types
     * @return its MACs, 0 for operators not counted
     */
    static long of(NodeTypes node) {
        return dev.vela.runtime.profile.Macs.of(node);
    }
}
