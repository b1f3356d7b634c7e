package dev.vela.samples.javacpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * supports() must say yes exactly for the nodes prepare() accepts, never throw, and give a reason
 * for every no; prepare() must refuse the rest with an InvalidNodeException naming the node.
 * Nodes are drawn at random, valid and malformed alike; every accepted node is also run once.
 */
class SupportsHonestyTest {

    @Test
    void supportsAgreesWithPrepareOnRandomNodes() {
        Random r = new Random(99);
        int yes = 0;
        int no = 0;
        for (KernelFactory f : new JavaCpuProvider().factories()) {
            for (int i = 0; i < 60; i++) {
                Node node = randomNode(r, f.op().name(), "n" + i);
                Support s = f.supports(node);
                if (s.isSupported()) {
                    yes++;
                    // a yes must also run: invoke on zeros (constants as given) with two threads
                    Tensor[] in = new Tensor[node.inputCount()];
                    for (int k = 0; k < in.length; k++) {
                        int at = k;
                        in[k] = node.hasInput(k)
                                ? node.inputValue(k).orElseGet(() -> Tensor.allocate(node.inputType(at)))
                                : null;
                    }
                    try (var kernel = f.prepare(node)) {
                        Tensor out = KernelRuns.invoke(kernel, 2, in);
                        assertThat(out.type()).isEqualTo(kernel.outputTypes().get(0));
                    }
                } else {
                    no++;
                    assertThat(s.reason()).as(node.describe()).isNotBlank();
                    assertThatThrownBy(() -> f.prepare(node))
                            .as(node.describe() + " refused with " + s.reason())
                            .isInstanceOf(InvalidNodeException.class)
                            .hasMessageContaining(node.name());
                }
            }
        }
        // the draw must exercise both answers, or the test proves nothing
        assertThat(yes).isGreaterThan(100);
        assertThat(no).isGreaterThan(100);
    }

    private static Node randomNode(Random r, String op, String name) {
        Node.Builder b = Node.builder(op).name(name);
        int inputs = switch (op) {
            case "Conv", "Gemm" -> 2 + r.nextInt(2);
            case "MatMul", "Add", "Sub", "Mul", "Div" -> 2;
            case "Clip" -> 1 + r.nextInt(3);
            default -> 1;
        };
        if (r.nextInt(8) == 0) {
            inputs += r.nextBoolean() ? 1 : -1;
        }
        int rank = op.equals("Conv") || op.contains("Pool") ? (r.nextInt(6) == 0 ? 3 : 4) : 1 + r.nextInt(3);
        int[] first = dims(r, rank);
        for (int i = 0; i < inputs; i++) {
            DataType t = r.nextInt(12) == 0 ? DataType.INT32 : DataType.FLOAT32;
            int[] d = i == 0 ? first : (r.nextBoolean() ? first.clone() : dims(r, Math.max(0, rank - r.nextInt(2))));
            if (op.equals("Conv") && i == 1 && r.nextInt(4) != 0) {
                d = new int[] {1 + r.nextInt(4), first[1], 1 + r.nextInt(3), 1 + r.nextInt(3)};
            }
            if (op.equals("Clip") && i > 0) {
                d = r.nextInt(4) == 0 ? new int[] {2} : new int[0];
            }
            TensorType type = TensorType.of(t, Shape.of(d));
            if (t == DataType.FLOAT32 && (op.equals("Conv") && i > 0 && r.nextInt(5) != 0)) {
                b.constantInput(
                        Tensor.ofFloats(Shape.of(d), new float[Shape.of(d).elementCount()]));
            } else {
                b.input(type);
            }
        }
        if (op.contains("Pool") && !op.startsWith("Global") && r.nextInt(6) != 0) {
            b.attr("kernel_shape", 1 + r.nextInt(3), 1 + r.nextInt(3));
        }
        if (r.nextInt(4) == 0) {
            b.attr("pads", r.nextInt(2), r.nextInt(2), r.nextInt(2), r.nextInt(2));
        }
        if (r.nextInt(5) == 0) {
            b.attr("strides", r.nextInt(3), 1 + r.nextInt(2));
        }
        if (r.nextInt(6) == 0) {
            b.attr("auto_pad", new String[] {"SAME_UPPER", "VALID", "BOGUS"}[r.nextInt(3)]);
        }
        if (r.nextInt(5) == 0) {
            b.attr("group", r.nextInt(3));
        }
        if (r.nextInt(5) == 0) {
            b.attr("data_format", new String[] {"NHWC", "NCHW", "CHWN"}[r.nextInt(3)]);
        }
        if (r.nextInt(5) == 0) {
            b.attr("activation", new String[] {"Relu", "Clip", "Gelu"}[r.nextInt(3)]);
            if (r.nextBoolean()) {
                b.attr("activation_params", r.nextFloat() - 1, r.nextFloat());
            }
        }
        if (r.nextInt(6) == 0) {
            b.attr("transA", 1).attr("transB", r.nextInt(2));
        }
        if (r.nextInt(10) == 0) {
            b.outputs(2);
        }
        return b.build();
    }

    private static int[] dims(Random r, int rank) {
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            d[i] = 1 + r.nextInt(5);
        }
        return d;
    }

    @Test
    void answersNoForAnotherOperator() {
        List<KernelFactory> factories = new ArrayList<>(new JavaCpuProvider().factories());
        Node softmax = Node.builder("Softmax")
                .name("sm")
                .input(TensorType.of(DataType.FLOAT32, 2, 3))
                .build();
        for (KernelFactory f : factories) {
            assertThat(f.supports(softmax).isSupported()).isFalse();
        }
    }
}
