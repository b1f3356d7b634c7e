package dev.vela.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorDefinitionTest {

    static final OpId SCALE = OpId.of("com.acme", "Scale");

    /** y = x * factor + shift, a small custom operator. */
    static OperatorDefinition.Builder scale() {
        return OperatorDefinition.builder(SCALE, 1)
                .doc("y = x * factor + shift")
                .typeConstraint(TypeConstraint.of("T", Set.of(DataType.FLOAT32, DataType.FLOAT16), "float types"))
                .input(ParameterDefinition.required("x", "T", "input"))
                .input(ParameterDefinition.optional("bias", "T", "added"))
                .output(ParameterDefinition.required("y", "T", "output"))
                .attribute(AttributeDefinition.required("factor", AttributeType.FLOAT, "multiplier"))
                .attribute(AttributeDefinition.withDefault("shift", 0L, "added after"))
                .inference(node -> List.of(node.inputType(0)))
                .reference(new NoKernels(SCALE));
    }

    @Test
    void admitsAValidNodeAndInfersItsTypes() {
        OperatorDefinition d = scale().build();
        Node node = Node.builder(SCALE)
                .input(TensorType.of(DataType.FLOAT32, 2, 3))
                .attr("factor", 2f)
                .build();
        assertThat(d.violations(node)).isEmpty();
        assertThat(d.inferOutputTypes(node)).containsExactly(TensorType.of(DataType.FLOAT32, 2, 3));
        assertThat(d.minInputs()).isEqualTo(1);
        assertThat(d.maxInputs()).isEqualTo(2);
    }

    @Test
    void namesEverySchemaViolation() {
        OperatorDefinition d = scale().build();
        Node noFactor =
                Node.builder(SCALE).input(TensorType.of(DataType.FLOAT32, 2)).build();
        assertThat(d.violations(noFactor)).containsExactly("required attribute 'factor' (FLOAT) is missing");
        Node wrongType = Node.builder(SCALE)
                .input(TensorType.of(DataType.FLOAT32, 2))
                .attr("factor", 2L)
                .build();
        assertThat(d.violations(wrongType)).containsExactly("attribute 'factor' is INT, the definition says FLOAT");
        Node unknown = Node.builder(SCALE)
                .input(TensorType.of(DataType.FLOAT32, 2))
                .attr("factor", 2f)
                .attr("gain", 1L)
                .build();
        assertThat(d.violations(unknown)).singleElement().asString().contains("'gain' is not in the definition");
        Node tooMany = Node.builder(SCALE)
                .input(TensorType.of(DataType.FLOAT32, 2))
                .input(TensorType.of(DataType.FLOAT32, 2))
                .input(TensorType.of(DataType.FLOAT32, 2))
                .attr("factor", 2f)
                .build();
        assertThat(d.violations(tooMany)).containsExactly("has 3 inputs, the definition allows 1 to 2");
        Node int8 = Node.builder(SCALE)
                .input(TensorType.of(DataType.INT8, 2))
                .attr("factor", 2f)
                .build();
        assertThat(d.violations(int8)).singleElement().asString().contains("input 0 'x' is int8");
        Node mixed = Node.builder(SCALE)
                .input(TensorType.of(DataType.FLOAT32, 2))
                .input(TensorType.of(DataType.FLOAT16, 2))
                .attr("factor", 2f)
                .build();
        assertThat(d.violations(mixed)).singleElement().asString().contains("type variable T is already float32");
        assertThatThrownBy(() -> d.inferOutputTypes(noFactor))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("does not satisfy the definition com.acme:Scale v1")
                .hasMessageContaining("'factor'");
    }

    @Test
    void anInferenceThatThrowsIsNamedNotPropagated() {
        OperatorDefinition d = scale().inference(node -> {
                    throw new ArrayIndexOutOfBoundsException("3");
                })
                .build();
        Node node = Node.builder(SCALE)
                .name("s1")
                .input(TensorType.of(DataType.FLOAT32, 2))
                .attr("factor", 2f)
                .build();
        assertThatThrownBy(() -> d.inferOutputTypes(node))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 's1' (com.acme:Scale)")
                .hasMessageContaining(
                        "the inference of definition com.acme:Scale v1 failed: ArrayIndexOutOfBoundsException: 3")
                .hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @Test
    void anInferenceReturningForbiddenTypesIsRefused() {
        OperatorDefinition wrongCount = scale().inference(node -> List.of()).build();
        OperatorDefinition wrongType = scale().inference(node -> List.of(TensorType.of(DataType.INT8, 2)))
                .build();
        Node node = Node.builder(SCALE)
                .input(TensorType.of(DataType.FLOAT32, 2))
                .attr("factor", 2f)
                .build();
        assertThatThrownBy(() -> wrongCount.inferOutputTypes(node))
                .hasMessageContaining("returned 0 types [] for 1 outputs");
        assertThatThrownBy(() -> wrongType.inferOutputTypes(node)).hasMessageContaining("output 0 'y' is int8");
    }

    @Test
    void schemaHashPinsTheSchemaButNotTheDocumentation() {
        OperatorDefinition a = scale().build();
        OperatorDefinition reworded = scale().doc("another text").build();
        OperatorDefinition otherDefault = OperatorDefinition.builder(SCALE, 1)
                .typeConstraint(TypeConstraint.of("T", Set.of(DataType.FLOAT32, DataType.FLOAT16), "float types"))
                .input(ParameterDefinition.required("x", "T", "input"))
                .input(ParameterDefinition.optional("bias", "T", "added"))
                .output(ParameterDefinition.required("y", "T", "output"))
                .attribute(AttributeDefinition.required("factor", AttributeType.FLOAT, "multiplier"))
                .attribute(AttributeDefinition.withDefault("shift", 1L, "added after"))
                .inference(node -> List.of(node.inputType(0)))
                .reference(new NoKernels(SCALE))
                .build();
        assertThat(a.schemaHash()).hasSize(64).isEqualTo(reworded.schemaHash()).isNotEqualTo(otherDefault.schemaHash());
        assertThat(a.canonicalSchema()).isEqualTo("""
                vela-operator-schema 1
                op com.acme:Scale
                version 1
                input x T REQUIRED
                input bias T OPTIONAL
                output y T REQUIRED
                type T float32 float16
                attribute factor FLOAT required
                attribute shift INT default=0
                """);
    }

    @Test
    void malformedDefinitionsAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> scale().input(ParameterDefinition.required("z", "U", "?"))
                        .build())
                .hasMessageContaining("names type variable 'U', which is not declared");
        assertThatThrownBy(() -> scale().input(ParameterDefinition.required("late", "T", "?"))
                        .build())
                .hasMessageContaining("required input 'late' follows an optional");
        assertThatThrownBy(
                        () -> scale().reference(new NoKernels(OpId.of("Relu"))).build())
                .hasMessageContaining("the reference of com.acme:Scale implements Relu");
        assertThatThrownBy(() -> OperatorDefinition.builder(SCALE, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void aOneZeroProviderDefinesNothingAndKernelsKeepNoState() {
        OperatorProvider old = new OperatorProvider() {
            @Override
            public ProviderInfo info() {
                return new ProviderInfo("old", "Old", "1", DeviceKind.CPU, SpiVersion.of(1, 0), 0);
            }

            @Override
            public List<KernelFactory> factories() {
                return List.of();
            }
        };
        assertThat(old.definitions()).isEmpty();
        assertThat(SpiVersion.CURRENT.accepts(old.info().spiVersion())).isTrue();
        Kernel k = new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of();
            }

            @Override
            public void invoke(Invocation invocation) {}
        };
        assertThat(k.state()).isEmpty();
        Invocation plain = Invocation.of(List.of(), List.of(), null);
        assertThat(plain.stateCount()).isZero();
        assertThatThrownBy(() -> plain.state(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void stateStartsAtItsInitialValueAndTravelsWritable() {
        KernelState s = KernelState.startingAt("acc", Tensor.ofFloats(Shape.of(2), 1f, 2f));
        assertThat(s.initialValue().isReadOnly()).isTrue();
        assertThat(s.initialValue().toFloatArray()).containsExactly(1f, 2f);
        assertThat(KernelState.zeros("h", TensorType.of(DataType.INT16, 3))
                        .initialValue()
                        .toByteArray())
                .containsOnly(0);
        Tensor live = Tensor.allocate(s.type());
        Invocation inv = Invocation.of(List.of(), List.of(), null, 1, List.of(live));
        inv.state(0).setDouble(0, 5);
        assertThat(live.getDouble(0)).isEqualTo(5);
        assertThatThrownBy(() -> Invocation.of(List.of(), List.of(), null, 1, List.of(live.asReadOnly())))
                .hasMessageContaining("writable");
    }

    /** A factory that prepares nothing: the tests here only need its operator. */
    private record NoKernels(OpId op) implements KernelFactory {
        @Override
        public Set<KernelClaim> claims() {
            return Set.of();
        }

        @Override
        public Support supports(Node node) {
            return Support.no("test factory");
        }

        @Override
        public Kernel prepare(Node node) {
            throw new InvalidNodeException(node, "test factory");
        }
    }
}
