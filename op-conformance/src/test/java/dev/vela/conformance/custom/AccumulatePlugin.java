package dev.vela.conformance.custom;

import dev.vela.spi.DataType;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.KernelState;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ParameterDefinition;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import dev.vela.spi.TypeConstraint;
import java.util.List;
import java.util.Set;

/**
 * A test plugin with a stateful custom operator, {@code com.acme:Accumulate}: {@code y = sum + x; sum = y}, where
 * the running sum is the kernel's declared state. The forgetful variant declares no state ({@code y = x}).
 */
final class AccumulatePlugin implements OperatorProvider {

    static final OpId ACCUMULATE = OpId.of("com.acme", "Accumulate");

    private final boolean forgetful;

    AccumulatePlugin(boolean forgetful) {
        this.forgetful = forgetful;
    }

    static OperatorDefinition definition() {
        return OperatorDefinition.builder(ACCUMULATE, 1)
                .doc("running sum of the inputs since the last reset")
                .typeConstraint(TypeConstraint.of("T", Set.of(DataType.FLOAT32), "float32"))
                .input(ParameterDefinition.required("x", "T", "this step's value"))
                .output(ParameterDefinition.required("y", "T", "the sum so far"))
                .inference(n -> List.of(n.inputType(0)))
                .reference(new Factory(false))
                .build();
    }

    @Override
    public ProviderInfo info() {
        return ProviderInfo.of("acme-acc", "Acme", "1.0", DeviceKind.DSP);
    }

    @Override
    public List<KernelFactory> factories() {
        return List.of(new Factory(forgetful));
    }

    @Override
    public List<OperatorDefinition> definitions() {
        return List.of(definition());
    }

    record Factory(boolean forgetful) implements KernelFactory {
        @Override
        public OpId op() {
            return ACCUMULATE;
        }

        @Override
        public Set<KernelClaim> claims() {
            return Set.of(KernelClaim.of(ACCUMULATE, DataType.FLOAT32));
        }

        @Override
        public Support supports(Node node) {
            return definition().violations(node).isEmpty() ? Support.yes() : Support.no("schema");
        }

        @Override
        public Kernel prepare(Node node) {
            List<String> violations = definition().violations(node);
            if (!violations.isEmpty()) {
                throw new InvalidNodeException(node, String.join("; ", violations));
            }
            TensorType type = node.inputType(0);
            List<KernelState> state = forgetful ? List.of() : List.of(KernelState.zeros("sum", type));
            return new Kernel() {
                @Override
                public List<TensorType> outputTypes() {
                    return List.of(type);
                }

                @Override
                public List<KernelState> state() {
                    return state;
                }

                @Override
                public void invoke(Invocation inv) {
                    for (int i = 0; i < type.elementCount(); i++) {
                        double y = inv.input(0).getDouble(i)
                                + (forgetful ? 0 : inv.state(0).getDouble(i));
                        inv.output(0).setDouble(i, y);
                        if (!forgetful) {
                            inv.state(0).setDouble(i, y);
                        }
                    }
                }
            };
        }
    }
}
