package dev.vela.samples.javacpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.samples.javacpu.elementwise.Binary;
import dev.vela.samples.javacpu.elementwise.Clip;
import dev.vela.samples.javacpu.elementwise.Unary;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ElementwiseTest {

    private static final int[][][] SHAPE_PAIRS = {
        {{2, 3, 4, 5}, {2, 3, 4, 5}},
        {{2, 3, 4, 5}, {3, 1, 1}},
        {{2, 3, 4, 5}, {1, 3, 1, 1}},
        {{2, 3, 4, 5}, {5}},
        {{2, 3, 4, 5}, {}},
        {{}, {4, 5}},
        {{3, 1}, {1, 4}},
        {{1, 4, 1}, {3, 1, 6}},
        {{2, 1, 4, 1}, {3, 1, 5}},
        {{0, 3}, {3}},
        {{1}, {1}},
        {{7, 1, 9}, {7, 8, 9}},
        {{1, 16, 1, 1}, {2, 16, 7, 7}},
        {{2, 7, 7, 16}, {16}},
    };

    @Test
    void binaryOpsMatchReferenceWithBroadcasting() {
        Random r = new Random(21);
        List<Binary> ops = List.of(Binary.add(), Binary.sub(), Binary.mul(), Binary.div());
        for (Binary op : ops) {
            for (int[][] pair : SHAPE_PAIRS) {
                for (boolean swap : new boolean[] {false, true}) {
                    Tensor a = KernelRuns.random(r, swap ? pair[1] : pair[0]);
                    Tensor b = KernelRuns.random(r, swap ? pair[0] : pair[1]);
                    Node node = Node.builder(op.op())
                            .name("bin")
                            .input(a.type())
                            .input(b.type())
                            .build();
                    String what = op.op() + " " + a.shape() + " " + b.shape();
                    assertThat(op.supports(node).isSupported()).as(what).isTrue();
                    Tensor one = KernelRuns.run(op, node, 1, a, b);
                    Tolerance.assertClose(one, Expected.of(node, a, b), 1, what);
                    Tolerance.assertIdentical(one, KernelRuns.run(op, node, 2, a, b), what + " threads");
                }
            }
        }
    }

    @Test
    void fusedActivationOnAdd() {
        Tensor a = Tensor.ofFloats(Shape.of(4), -3, -1, 1, 3);
        Tensor b = Tensor.ofFloats(Shape.of(1), 0.5f);
        Node relu = Node.builder("Add")
                .name("add_relu")
                .input(a.type())
                .input(b.type())
                .attr("activation", "Relu")
                .build();
        assertThat(KernelRuns.run(Binary.add(), relu, 1, a, b).toFloatArray()).containsExactly(0f, 0f, 1.5f, 3.5f);
        Node clip = Node.builder("Add")
                .name("add_clip")
                .input(a.type())
                .input(b.type())
                .attr("activation", "Clip")
                .attr("activation_params", -1f, 1f)
                .build();
        assertThat(KernelRuns.run(Binary.add(), clip, 1, a, b).toFloatArray()).containsExactly(-1f, -0.5f, 1f, 1f);
        Node noParams = Node.builder("Add")
                .name("add_bad")
                .input(a.type())
                .input(b.type())
                .attr("activation", "Clip")
                .build();
        assertThat(Binary.add().supports(noParams).reason()).contains("activation_params");
        assertThatThrownBy(() -> Binary.add().prepare(noParams))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("add_bad");
    }

    @Test
    void divisionFollowsIeee() {
        Tensor a = Tensor.ofFloats(Shape.of(4), 1, -1, 0, 6);
        Tensor b = Tensor.ofFloats(Shape.of(4), 0, 0, 0, 3);
        Node node =
                Node.builder("Div").name("div").input(a.type()).input(b.type()).build();
        float[] y = KernelRuns.run(Binary.div(), node, 1, a, b).toFloatArray();
        assertThat(y[0]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(y[1]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(y[2]).isNaN();
        assertThat(y[3]).isEqualTo(2f);
    }

    @Test
    void unaryOpsMatchReference() {
        Random r = new Random(22);
        for (Unary op : List.of(Unary.relu(), Unary.sigmoid(), Unary.tanh())) {
            for (int[] dims : new int[][] {{}, {0}, {7}, {3, 5, 11}, {2, 16, 9, 9}}) {
                Tensor x = KernelRuns.random(r, dims);
                float[] scaled = x.toFloatArray();
                for (int i = 0; i < scaled.length; i++) {
                    scaled[i] *= 20;
                }
                x = Tensor.ofFloats(x.shape(), scaled);
                Node node = Node.builder(op.op()).name("u").input(x.type()).build();
                Tensor one = KernelRuns.run(op, node, 1, x);
                Tolerance.assertClose(one, Expected.of(node, x), 1, op.op() + " " + x.shape());
                Tolerance.assertIdentical(one, KernelRuns.run(op, node, 2, x), op.op() + " threads");
            }
        }
        Tensor special = Tensor.ofFloats(Shape.of(4), Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -0f);
        Node sig = Node.builder("Sigmoid").name("s").input(special.type()).build();
        float[] s = KernelRuns.run(Unary.sigmoid(), sig, 1, special).toFloatArray();
        assertThat(s[0]).isNaN();
        assertThat(s[1]).isEqualTo(0f);
        assertThat(s[2]).isEqualTo(1f);
        assertThat(s[3]).isEqualTo(0.5f);
        Node relu = Node.builder("Relu").name("r").input(special.type()).build();
        float[] rl = KernelRuns.run(Unary.relu(), relu, 1, special).toFloatArray();
        assertThat(rl[0]).isNaN();
        assertThat(rl[1]).isEqualTo(0f);
        assertThat(rl[2]).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void clipFromInputsAndFromAttributes() {
        Tensor x = Tensor.ofFloats(Shape.of(5), -2, -0.5f, 0.5f, 2, Float.NaN);
        Node inputs = Node.builder("Clip")
                .name("clip")
                .input(x.type())
                .input(TensorType.of(DataType.FLOAT32, Shape.scalar()))
                .input(TensorType.of(DataType.FLOAT32, Shape.scalar()))
                .build();
        float[] y = KernelRuns.run(
                        new Clip(),
                        inputs,
                        1,
                        x,
                        Tensor.ofFloats(Shape.scalar(), -1f),
                        Tensor.ofFloats(Shape.scalar(), 1f))
                .toFloatArray();
        assertThat(y).hasSize(5);
        assertThat(new float[] {y[0], y[1], y[2], y[3]}).containsExactly(-1f, -0.5f, 0.5f, 1f);
        assertThat(y[4]).isNaN();
        Node onlyMax = Node.builder("Clip")
                .name("clip_max")
                .input(x.type())
                .absentInput()
                .input(TensorType.of(DataType.FLOAT32, Shape.scalar()))
                .build();
        float[] m = KernelRuns.run(new Clip(), onlyMax, 2, x, null, Tensor.ofFloats(Shape.scalar(), 0f))
                .toFloatArray();
        assertThat(new float[] {m[0], m[1], m[2], m[3]}).containsExactly(-2f, -0.5f, 0f, 0f);
        Node crossed = Node.builder("Clip")
                .name("clip_x")
                .input(x.type())
                .input(TensorType.of(DataType.FLOAT32, Shape.scalar()))
                .input(TensorType.of(DataType.FLOAT32, Shape.scalar()))
                .build();
        float[] c = KernelRuns.run(
                        new Clip(),
                        crossed,
                        1,
                        x,
                        Tensor.ofFloats(Shape.scalar(), 1f),
                        Tensor.ofFloats(Shape.scalar(), -1f))
                .toFloatArray();
        assertThat(new float[] {c[0], c[1], c[2], c[3]}).containsExactly(-1f, -1f, -1f, -1f);
        Node attrs = Node.builder("Clip")
                .name("clip6")
                .opset(6)
                .input(x.type())
                .attr("min", 0f)
                .attr("max", 0.75f)
                .build();
        float[] a = KernelRuns.run(new Clip(), attrs, 1, x).toFloatArray();
        assertThat(new float[] {a[0], a[1], a[2], a[3]}).containsExactly(0f, 0f, 0.5f, 0.75f);
        Node vectorBound = Node.builder("Clip")
                .name("clip_v")
                .input(x.type())
                .input(TensorType.of(DataType.FLOAT32, 2))
                .build();
        assertThat(new Clip().supports(vectorBound).reason()).contains("one value");
    }

    @Test
    void elementwiseErrorsAndUnsupportedTypes() {
        Node noBroadcast = Node.builder("Mul")
                .name("mul_bad")
                .input(TensorType.of(DataType.FLOAT32, 2, 3))
                .input(TensorType.of(DataType.FLOAT32, 4))
                .build();
        assertThat(Binary.mul().supports(noBroadcast).isSupported()).isFalse();
        assertThatThrownBy(() -> Binary.mul().prepare(noBroadcast))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("mul_bad")
                .hasMessageContaining("broadcast");
        Node ints = Node.builder("Add")
                .name("add_int")
                .input(TensorType.of(DataType.INT32, 2))
                .input(TensorType.of(DataType.INT32, 2))
                .build();
        assertThat(Binary.add().supports(ints).reason()).contains("float32");
        Node wrongOp = Node.builder("Sub")
                .name("sub")
                .input(TensorType.of(DataType.FLOAT32, 2))
                .input(TensorType.of(DataType.FLOAT32, 2))
                .build();
        KernelFactory add = Binary.add();
        assertThat(add.supports(wrongOp).isSupported()).isFalse();
        assertThatThrownBy(() -> add.prepare(wrongOp)).isInstanceOf(InvalidNodeException.class);
        Node oneInput = Node.builder("Tanh")
                .name("tanh2")
                .input(TensorType.of(DataType.FLOAT32, 2))
                .input(TensorType.of(DataType.FLOAT32, 2))
                .build();
        assertThat(Unary.tanh().supports(oneInput).isSupported()).isFalse();
    }

    @Test
    void largeTensorsSplitAcrossThreadsAgree() {
        // 2 x 64 x 32 x 32 = 2^17 elements: large enough for the kernels to use a second thread
        Random r = new Random(22);
        Tensor a = KernelRuns.random(r, 2, 64, 32, 32);
        Tensor bias = KernelRuns.random(r, 64, 1, 1);
        Node add = Node.builder("Add")
                .name("big_add")
                .input(a.type())
                .input(bias.type())
                .build();
        Tensor one = KernelRuns.run(Binary.add(), add, 1, a, bias);
        Tolerance.assertClose(one, Expected.of(add, a, bias), 1, "big add");
        Tolerance.assertIdentical(one, KernelRuns.run(Binary.add(), add, 2, a, bias), "big add threads");
        Node relu = Node.builder("Relu").name("big_relu").input(a.type()).build();
        Tensor r1 = KernelRuns.run(Unary.relu(), relu, 1, a);
        Tolerance.assertClose(r1, Expected.clamp(Tolerance.values(a), 0, Double.POSITIVE_INFINITY), 1, "big relu");
        Tolerance.assertIdentical(r1, KernelRuns.run(Unary.relu(), relu, 2, a), "big relu threads");
    }
}
