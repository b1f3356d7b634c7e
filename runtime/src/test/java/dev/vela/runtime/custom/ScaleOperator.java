package dev.vela.runtime.custom;

import dev.vela.spi.AttributeDefinition;
import dev.vela.spi.AttributeType;
import dev.vela.spi.DataType;
import dev.vela.spi.DeviceKind;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.OperatorProvider;
import dev.vela.spi.ParameterDefinition;
import dev.vela.spi.ProviderInfo;
import dev.vela.spi.Support;
import dev.vela.spi.TensorType;
import dev.vela.spi.TypeConstraint;
import dev.vela.spi.TypeInference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pure-Java test plugin with one custom operator, {@code com.acme:Scale}: {@code y = x * factor + shift} on float32.
 * It contributes the definition (with its reference implementation) and, optionally, a kernel of its own.
 */
final class ScaleOperator {

    static final OpId SCALE = OpId.of("com.acme", "Scale");

    private ScaleOperator() {}

    /** The invocations of the definition's reference implementation. */
    static final AtomicInteger REFERENCE_RUNS = new AtomicInteger();

    /** @return the definition, with the given inference */
    static OperatorDefinition definition(int version, TypeInference inference) {
        return OperatorDefinition.builder(SCALE, version)
                .doc("y = x * factor + shift, elementwise")
                .typeConstraint(TypeConstraint.of("T", Set.of(DataType.FLOAT32), "float32"))
                .input(ParameterDefinition.required("x", "T", "input"))
                .output(ParameterDefinition.required("y", "T", "x * factor + shift"))
                .attribute(AttributeDefinition.required("factor", AttributeType.FLOAT, "multiplier"))
                .attribute(AttributeDefinition.withDefault("shift", 0f, "added after multiplying"))
                .inference(inference)
                .reference(new Factory(REFERENCE_RUNS))
                .build();
    }

    static OperatorDefinition definition() {
        return definition(1, node -> List.of(node.inputType(0)));
    }

    /** @return the same operator and version with another schema: {@code shift} defaults to {@code shift} */
    static OperatorDefinition definitionWithDefaultShift(float shift) {
        return OperatorDefinition.builder(SCALE, 1)
                .doc("y = x * factor + shift, elementwise")
                .typeConstraint(TypeConstraint.of("T", Set.of(DataType.FLOAT32), "float32"))
                .input(ParameterDefinition.required("x", "T", "input"))
                .output(ParameterDefinition.required("y", "T", "x * factor + shift"))
                .attribute(AttributeDefinition.required("factor", AttributeType.FLOAT, "multiplier"))
                .attribute(AttributeDefinition.withDefault("shift", shift, "added after multiplying"))
                .inference(node -> List.of(node.inputType(0)))
                .reference(new Factory(REFERENCE_RUNS))
                .build();
    }

    /** A provider that defines Scale and, when {@code kernel} is set, also offers a kernel for it. */
    static OperatorProvider provider(OperatorDefinition definition, AtomicInteger kernelRuns) {
        return new OperatorProvider() {
            @Override
            public ProviderInfo info() {
                return ProviderInfo.of("acme-dsp", "Acme", "1.0", DeviceKind.DSP);
            }

            @Override
            public List<KernelFactory> factories() {
                return kernelRuns == null ? List.of() : List.of(new Factory(kernelRuns));
            }

            @Override
            public List<OperatorDefinition> definitions() {
                return List.of(definition);
            }
        };
    }

    /** Computes Scale; counts its invocations so that tests can tell which implementation ran. */
    record Factory(AtomicInteger runs) implements KernelFactory {
        @Override
        public OpId op() {
            return SCALE;
        }

        @Override
        public Set<KernelClaim> claims() {
            return Set.of(KernelClaim.of(SCALE, DataType.FLOAT32));
        }

        @Override
        public Support supports(Node node) {
            return node.inputType(0).dataType() == DataType.FLOAT32 ? Support.yes() : Support.no("float32 only");
        }

        @Override
        public Kernel prepare(Node node) {
            if (node.inputType(0).dataType() != DataType.FLOAT32) {
                throw new InvalidNodeException(node, "float32 only");
            }
            float factor = node.attributes().getFloat("factor");
            float shift = node.attributes().getFloat("shift", 0f);
            TensorType type = node.inputType(0);
            return new Kernel() {
                @Override
                public List<TensorType> outputTypes() {
                    return List.of(type);
                }

                @Override
                public void invoke(Invocation inv) {
                    runs.incrementAndGet();
                    for (int i = 0; i < type.elementCount(); i++) {
                        inv.output(0).setDouble(i, inv.input(0).getDouble(i) * factor + shift);
                    }
                }
            };
        }
    }
}
