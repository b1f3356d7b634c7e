package dev.vela.samples.signal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.samples.signal.SignalProvider;
import dev.vela.samples.signal.dsp.TflmCase;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.KernelState;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every admission case the jar ships, run through the provider's own factories (schema, inference, kernel), as the
 * gate runs them: node attributes from the case, inputs and expected outputs from its .npy files.
 */
class ShippedCasesTest {
    private final SignalProvider provider = new SignalProvider();

    static Stream<TflmCase> cases() throws URISyntaxException {
        File root = new File(ShippedCasesTest.class.getResource("/META-INF/vela/cases").toURI());
        List<TflmCase> all = new ArrayList<>();
        for (File op : root.listFiles(File::isDirectory)) {
            for (File c : op.listFiles(File::isDirectory)) {
                all.add(new TflmCase(op.getName(), c.getName()));
            }
        }
        all.sort((a, b) -> (a.op() + a.name()).compareTo(b.op() + b.name()));
        return all.stream();
    }

    @Test
    void everyDefinedOperatorShipsAtLeastThreeCases() throws URISyntaxException {
        List<String> ops = cases().map(TflmCase::op).toList();
        for (OperatorDefinition d : provider.definitions()) {
            assertThat(ops).as(d.op().toString()).filteredOn(d.op().name()::equals).hasSizeGreaterThanOrEqualTo(3);
        }
        assertThat(provider.definitions()).hasSize(9);
        assertThat(provider.factories()).extracting(KernelFactory::op)
                .containsExactlyElementsOf(provider.definitions().stream().map(OperatorDefinition::op).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseRunsBitExactOrWithinItsTolerance(TflmCase c) {
        KernelFactory factory = factory(c.op());
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < c.inputCount(); i++) {
            inputs.add(tensor(c.input(i)));
        }
        List<Tensor> expected = new ArrayList<>();
        for (int i = 0; i < c.expectedCount(); i++) {
            expected.add(tensor(c.expected(i)));
        }
        int steps = c.isSequence() ? inputs.get(0).shape().dim(0) : 1;
        Node.Builder node = Node.builder(OpId.of("tflite", c.op())).name(c.name());
        for (Tensor t : inputs) {
            node.input(c.isSequence() ? step(t, 0).type() : t.type());
        }
        for (Map.Entry<String, Long> a : c.attributes().entrySet()) {
            node.attr(a.getKey(), a.getValue());
        }
        node.outputs(c.expectedCount());
        Node built = node.build();
        assertThat(factory.supports(built).isSupported()).as(factory.supports(built).reason()).isTrue();
        Kernel kernel = factory.prepare(built);
        List<Tensor> state = kernel.state().stream().map(ShippedCasesTest::initial).toList();
        for (int s = 0; s < steps; s++) {
            int k = s;
            List<Tensor> stepInputs = c.isSequence() ? inputs.stream().map(t -> step(t, k)).toList() : inputs;
            List<Tensor> outputs = kernel.outputTypes().stream().map(Tensor::allocate).toList();
            kernel.invoke(Invocation.of(stepInputs, outputs, null, 1, state));
            for (int i = 0; i < expected.size(); i++) {
                Tensor want = c.isSequence() ? step(expected.get(i), s) : expected.get(i);
                assertThat(outputs.get(i).type()).as("step %d output %d type", s, i).isEqualTo(want.type());
                for (int e = 0; e < want.elementCount(); e++) {
                    double w = want.getDouble(e);
                    double got = outputs.get(i).getDouble(e);
                    assertThat(Math.abs(got - w)).as("step %d output %d element %d: %s vs %s", s, i, e, got, w)
                            .isLessThanOrEqualTo(c.tolerance());
                }
            }
        }
    }

    /** Step {@code s} of a tensor with a leading step axis. */
    static Tensor step(Tensor t, int s) {
        int[] dims = t.shape().dims();
        TensorType type = TensorType.of(t.dataType(), Shape.of(Arrays.copyOfRange(dims, 1, dims.length)));
        ByteBuffer bytes = t.bytes();
        bytes.position(s * type.byteSize());
        return Tensor.wrap(type, bytes);
    }

    private KernelFactory factory(String op) {
        return provider.factories().stream().filter(f -> f.op().name().equals(op)).findFirst().orElseThrow();
    }

    static Tensor initial(KernelState s) {
        Tensor t = Tensor.allocate(s.type());
        t.copyFrom(s.initialValue());
        return t;
    }

    static Tensor tensor(TflmCase.Array a) {
        DataType type = switch (a.descr()) {
            case "<i2" -> DataType.INT16;
            case "<i4" -> DataType.INT32;
            case "<u4" -> DataType.UINT32;
            case "<u8" -> DataType.UINT64;
            case "<f4" -> DataType.FLOAT32;
            default -> throw new IllegalArgumentException("npy type " + a.descr());
        };
        Tensor t = Tensor.allocate(TensorType.of(type, Shape.of(a.shape())));
        ByteBuffer bytes = a.data().duplicate();
        t.copyFrom(Tensor.wrap(t.type(), bytes));
        return t;
    }

}
