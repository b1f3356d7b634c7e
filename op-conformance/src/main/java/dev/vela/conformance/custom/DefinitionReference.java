package dev.vela.conformance.custom;

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
 * A custom operator's reference as the kit uses it: the schema refuses what it rules out (so the derived invalid
 * nodes are invalid for the reference too), and the reference kernel must produce exactly the types the
 * definition's inference gives, which makes "output types equal the reference's" mean "equal the definition's
 * inference" for the vendor's kernel.
 */
public final class DefinitionReference implements KernelFactory {

    private final OperatorDefinition definition;

    /** @param definition the definition whose reference this is */
    public DefinitionReference(OperatorDefinition definition) {
        this.definition = definition;
    }

    /** @return the definition */
    public OperatorDefinition definition() {
        return definition;
    }

    @Override
    public OpId op() {
        return definition.op();
    }

    @Override
    public Set<KernelClaim> claims() {
        return definition.reference().claims();
    }

    @Override
    public Support supports(Node node) {
        List<String> wrong = definition.violations(node);
        return wrong.isEmpty() ? definition.reference().supports(node) : Support.no(String.join("; ", wrong));
    }

    @Override
    public Kernel prepare(Node node) {
        List<TensorType> inferred = definition.inferOutputTypes(node);
        Kernel kernel = definition.reference().prepare(node);
        List<TensorType> produced = kernel.outputTypes();
        boolean same = produced.size() == inferred.size();
        for (int i = 0; same && i < produced.size(); i++) {
            same = produced.get(i).dataType() == inferred.get(i).dataType()
                    && produced.get(i).shape().equals(inferred.get(i).shape());
        }
        if (!same) {
            kernel.close();
            throw new IllegalStateException(node.describe() + ": the reference of " + definition + " produces "
                    + produced + " but its inference says " + inferred + ": the definition is inconsistent");
        }
        return kernel;
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return definition.reference().valueInputs(node);
    }
}
