package dev.vela.runtime.partition;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Set;

/**
 * A factory for a custom operator seen through its definition: a node that breaks the schema is refused naming the
 * definition before the factory sees it, and a kernel whose output types differ from the definition's inference is
 * refused, so a custom node means the same whichever provider runs it.
 */
final class DefinitionGuard implements KernelFactory {

    private final OperatorDefinition definition;
    private final KernelFactory factory;

    DefinitionGuard(OperatorDefinition definition, KernelFactory factory) {
        this.definition = definition;
        this.factory = factory;
    }

    @Override
    public OpId op() {
        return factory.op();
    }

    @Override
    public Set<KernelClaim> claims() {
        return factory.claims();
    }

    @Override
    public Support supports(Node node) {
        List<String> wrong = definition.violations(node);
        return wrong.isEmpty()
                ? factory.supports(node)
                : Support.no("does not satisfy the definition " + definition + ": " + String.join("; ", wrong));
    }

    @Override
    public Kernel prepare(Node node) {
        List<TensorType> inferred = definition.inferOutputTypes(node);
        Kernel kernel = factory.prepare(node);
        List<TensorType> produced = kernel.outputTypes();
        boolean same = produced.size() == inferred.size();
        for (int i = 0; same && i < produced.size(); i++) {
            same = produced.get(i).dataType() == inferred.get(i).dataType()
                    && produced.get(i).shape().equals(inferred.get(i).shape());
        }
        if (!same) {
            kernel.close();
            throw new InvalidNodeException(
                    node,
                    "the kernel's output types " + produced + " differ from the inference of the definition "
                            + definition + ": " + inferred);
        }
        return kernel;
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return factory.valueInputs(node);
    }
}
