package dev.vela.conformance.check;

import dev.vela.conformance.cases.CaseSize;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.property.Gen;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Support;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The error contract: for nodes the reference refuses (wrong arity, mismatched types, shapes that
 * do not broadcast, ...) {@code supports()} says no without throwing and {@code prepare()} throws
 * {@link InvalidNodeException} naming the node, never returns a kernel that would compute a
 * wrong result.
 */
public final class InvalidNodesCheck extends GeneratedCheck<InvalidNode> {

    @Override
    public String id() {
        return "invalid-nodes";
    }

    @Override
    public String title() {
        return "invalid nodes are refused with InvalidNodeException";
    }

    @Override
    protected Optional<Gen<InvalidNode>> values(ClaimContext ctx) {
        return ctx.generator().invalidNodes(ctx.claim());
    }

    @Override
    protected void verify(InvalidNode invalid, ClaimContext ctx) {
        Node node = invalid.node();
        try {
            ctx.reference().prepare(node).close();
            throw new KitError(
                    "the reference accepts a node generated as invalid (" + invalid.why() + "): generator bug", null);
        } catch (InvalidNodeException expected) {
            // the reference refuses it, as the generator intends
        } catch (RuntimeException e) {
            if (e instanceof KitError) {
                throw e;
            }
            throw new KitError("the reference throws " + e + " instead of InvalidNodeException on an invalid node", e);
        }
        Support s;
        try {
            s = ctx.vendor().supports(node);
        } catch (RuntimeException e) {
            throw new CheckFailure(
                    "supports() threw on an invalid node (" + invalid.why() + ") instead of saying no: " + e, e);
        }
        if (s != null && s.isSupported()) {
            throw new CheckFailure("supports() said yes to an invalid node (" + invalid.why() + ")");
        }
        Kernel k;
        try {
            k = ctx.vendor().prepare(node);
        } catch (InvalidNodeException expected) {
            return;
        } catch (RuntimeException e) {
            throw new CheckFailure(
                    "prepare() threw " + e + " on an invalid node (" + invalid.why()
                            + "); it must throw InvalidNodeException naming the node",
                    e);
        }
        if (k != null) {
            k.close();
        }
        throw new CheckFailure(
                "prepare() accepted an invalid node (" + invalid.why() + "); it must throw InvalidNodeException");
    }

    @Override
    protected String describe(InvalidNode value) {
        return value.describe();
    }

    @Override
    protected CaseSize size(InvalidNode value) {
        long elements = 0;
        int rankSum = 0;
        Node n = value.node();
        for (int i = 0; i < n.inputCount(); i++) {
            if (n.hasInput(i)) {
                elements += n.inputType(i).elementCount();
                rankSum += n.inputType(i).shape().rank();
            }
        }
        return new CaseSize(elements, rankSum, 0);
    }

    @Override
    protected Collection<String> labels(InvalidNode value) {
        String why = value.why();
        int colon = why.indexOf(':');
        return List.of(colon > 0 ? why.substring(0, colon) : why);
    }
}
