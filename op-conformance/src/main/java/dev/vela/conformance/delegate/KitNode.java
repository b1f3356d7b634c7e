package dev.vela.conformance.delegate;

import dev.vela.spi.Attributes;
import dev.vela.spi.OpId;
import dev.vela.spi.ViewNode;
import java.util.List;

/** A node of a generated subgraph. */
record KitNode(
        int index,
        String name,
        OpId op,
        int opsetVersion,
        Attributes attributes,
        List<String> inputs,
        List<String> outputs)
        implements ViewNode {}
