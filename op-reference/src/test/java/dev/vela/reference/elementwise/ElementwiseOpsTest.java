package dev.vela.reference.elementwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract checks over every registered factory: one per operator, public final with a no-arg
 * constructor, and claims that are exactly the input types a minimal valid node is supported
 * and runs for.
 */
class ElementwiseOpsTest {

    private final List<KernelFactory> factories = ElementwiseOps.all();

    @Test
    void oneFactoryPerOperator() {
        Set<String> names = new HashSet<>();
        for (KernelFactory f : factories) {
            assertThat(names.add(f.op().toString())).as("duplicate %s", f.op()).isTrue();
        }
        assertThat(names)
                .contains(
                        "Sub",
                        "Mul",
                        "Div",
                        "Pow",
                        "Sum",
                        "Max",
                        "Min",
                        "Mean",
                        "Abs",
                        "Neg",
                        "Sqrt",
                        "Exp",
                        "Log",
                        "Reciprocal",
                        "LeakyRelu",
                        "PRelu",
                        "Elu",
                        "Selu",
                        "Clip",
                        "Sigmoid",
                        "HardSigmoid",
                        "HardSwish",
                        "Tanh",
                        "Cast",
                        "Where",
                        "Equal",
                        "Less",
                        "Greater",
                        "LessOrEqual",
                        "GreaterOrEqual",
                        "Not",
                        "And",
                        "Or",
                        "Xor",
                        "Floor",
                        "Ceil",
                        "Round",
                        "Sign",
                        "Softplus",
                        "Softsign",
                        "Erf",
                        "Mod",
                        "CastLike",
                        "Sin",
                        "Cos",
                        "IsNaN",
                        "IsInf",
                        "Gelu",
                        "Shrink",
                        "ThresholdedRelu",
                        "Celu",
                        "Mish");
    }

    @Test
    void publicFinalWithNoArgConstructor() throws ReflectiveOperationException {
        for (KernelFactory f : factories) {
            Class<?> c = f.getClass();
            assertThat(Modifier.isPublic(c.getModifiers()) && Modifier.isFinal(c.getModifiers()))
                    .as(c.getName())
                    .isTrue();
            assertThat(c.getSimpleName()).isEqualTo(f.op().name());
            assertThat(c.getConstructor().newInstance()).isInstanceOf(KernelFactory.class);
        }
    }

    @Test
    void claimsAreExactlyTheTypesThatWork() {
        for (KernelFactory f : factories) {
            Set<DataType> claimed = new HashSet<>();
            for (KernelClaim c : f.claims()) {
                assertThat(c.layout()).isEqualTo(Layout.ANY);
                assertThat(c.op()).isEqualTo(f.op());
                claimed.add(c.dataType());
            }
            assertThat(claimed).as(f.op().toString()).isNotEmpty();
            for (DataType t : DataType.values()) {
                Node node = minimalNode(f, t);
                boolean supported = f.supports(node).isSupported();
                assertThat(supported)
                        .as("%s on %s: %s", f.op(), t, f.supports(node))
                        .isEqualTo(claimed.contains(t));
                if (supported) {
                    assertThatCode(() ->
                                    ReferenceTesting.run(f, node, inputs(node).toArray(new Tensor[0])))
                            .as("%s on %s", f.op(), t)
                            .doesNotThrowAnyException();
                }
            }
        }
    }

    @Test
    void emptyTensorsGiveEmptyOutputsForEveryClaimedType() {
        for (KernelFactory f : factories) {
            for (KernelClaim c : f.claims()) {
                Node node = minimalNode(f, c.dataType(), 0);
                List<Tensor> out = ReferenceTesting.run(f, node, inputs(node).toArray(new Tensor[0]));
                assertThat(out.get(0).shape())
                        .as("%s on %s", f.op(), c.dataType())
                        .isEqualTo(dev.vela.spi.Shape.of(0));
            }
        }
    }

    @Test
    void supportsNeverThrowsOnNonsense() {
        Node empty = Node.builder("X").build();
        for (KernelFactory f : factories) {
            Node noInputs = Node.builder(f.op()).build();
            Node fiveBools = Node.builder(f.op())
                    .input(TensorType.of(DataType.BOOL, 3))
                    .input(TensorType.of(DataType.BOOL, 2))
                    .input(TensorType.of(DataType.BOOL, 4))
                    .input(TensorType.of(DataType.BOOL, 1))
                    .input(TensorType.of(DataType.BOOL, 7))
                    .build();
            assertThatCode(() -> {
                        assertThat(f.supports(empty).isSupported()).isFalse();
                        assertThat(f.supports(noInputs).isSupported()).isFalse();
                        assertThat(f.supports(fiveBools).isSupported()).isFalse();
                    })
                    .as(f.op().toString())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void quantizedInputsAreRefusedNotComputedOnRawValues() {
        TensorType q = TensorType.quantized(DataType.INT8, dev.vela.spi.Shape.of(2), Quantization.perTensor(0.5f, 3));
        for (KernelFactory f : factories) {
            Node plain = minimalNode(f, DataType.INT8);
            Node.Builder b = Node.builder(f.op()).name("q");
            b.attributes().putAll(plain.attributes());
            for (int i = 0; i < plain.inputCount(); i++) {
                b.input(plain.inputType(i).dataType() == DataType.INT8 ? q : plain.inputType(i));
            }
            Node node = b.build();
            assertThat(f.supports(node).isSupported()).as(f.op().toString()).isFalse();
            if (f.claims().stream().anyMatch(c -> c.dataType() == DataType.INT8)) {
                assertThat(f.supports(node).reason()).as(f.op().toString()).contains("quantized");
            }
        }
    }

    /** The smallest node of the factory's operator whose first data input has type {@code t}. */
    private static Node minimalNode(KernelFactory f, DataType t) {
        return minimalNode(f, t, 2);
    }

    private static Node minimalNode(KernelFactory f, DataType t, int size) {
        TensorType x = TensorType.of(t, size);
        Node.Builder b = Node.builder(f.op()).name("n");
        switch (f.op().name()) {
            case "Where" -> b.input(TensorType.of(DataType.BOOL, size)).input(x).input(x);
            case "Cast" -> b.input(x).attr("to", 1L);
            case "CastLike" -> b.input(x).input(TensorType.of(DataType.FLOAT32, 0));
            case "BitShift" -> b.input(x).input(x).attr("direction", "LEFT");
            case "Mod" -> b.input(x).input(x).attr("fmod", 1L);
            default -> {
                b.input(x);
                if (f instanceof BinaryElementwise
                        || f instanceof ComparisonElementwise
                        || f instanceof LogicalElementwise
                        || f instanceof VariadicElementwise
                        || f instanceof Pow
                        || f instanceof PRelu) {
                    b.input(x);
                }
            }
        }
        return b.build();
    }

    /** Inputs of the node's types, every element 1 (true for bool). */
    private static List<Tensor> inputs(Node node) {
        List<Tensor> in = new ArrayList<>();
        for (int i = 0; i < node.inputCount(); i++) {
            Tensor t = Tensor.allocate(node.inputType(i));
            for (int k = 0; k < t.elementCount(); k++) {
                if (t.dataType().isFloatingPoint()) {
                    t.setDouble(k, 1);
                } else {
                    t.setLong(k, 1);
                }
            }
            in.add(t);
        }
        return in;
    }
}
