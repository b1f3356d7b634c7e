package dev.vela.samples.javacpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.samples.javacpu.ops.AveragePool;
import dev.vela.samples.javacpu.ops.GlobalAveragePool;
import dev.vela.samples.javacpu.ops.MaxPool;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoolTest {

    private final MaxPool maxPool = new MaxPool();
    private final AveragePool averagePool = new AveragePool();
    private final GlobalAveragePool global = new GlobalAveragePool();

    @Test
    void maxWindowsWhollyInThePaddingAreNaNAndNaNInputsAreSkipped() {
        // Seed 15 of the kit: kernel [2, 1], dilation [2, 1], pads [1, 0, 1, 0] on a 1x1 image puts both taps in
        // the padding; the reference defines that window as NaN (this kernel gave -Infinity).
        for (boolean nhwc : new boolean[] {false, true}) {
            Node.Builder b = Node.builder("MaxPool")
                    .name("empty_window")
                    .input(TensorType.of(DataType.FLOAT32, 1, 1, 1, 1))
                    .attr("kernel_shape", 2, 1)
                    .attr("dilations", 2, 1)
                    .attr("pads", 1, 0, 1, 0);
            if (nhwc) {
                b.attr("data_format", "NHWC");
            }
            Tensor y = KernelRuns.run(maxPool, b.build(), 1, Tensor.ofFloats(Shape.of(1, 1, 1, 1), -1.1f));
            assertThat(y.toFloatArray()).as("nhwc=" + nhwc).containsExactly(Float.NaN);
        }
        // a NaN among real values does not win; a window of NaN only is NaN
        Node pairs = Node.builder("MaxPool")
                .name("nan_pairs")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 1, 6))
                .attr("kernel_shape", 1, 2)
                .attr("strides", 1, 2)
                .build();
        Tensor y = KernelRuns.run(
                maxPool,
                pairs,
                1,
                Tensor.ofFloats(Shape.of(1, 1, 1, 6), Float.NaN, 2f, -3f, Float.NaN, Float.NaN, Float.NaN));
        assertThat(y.toFloatArray()).containsExactly(2f, -3f, Float.NaN);
    }

    @Test
    void windowPoolsMatchReferenceOverRandomConfigurations() {
        Random r = new Random(5);
        for (int i = 0; i < 150; i++) {
            boolean max = i % 2 == 0;
            boolean nhwc = r.nextBoolean();
            int n = 1 + r.nextInt(2);
            int c = 1 + r.nextInt(5);
            int kh = 1 + r.nextInt(3);
            int kw = 1 + r.nextInt(3);
            int[] dil = r.nextInt(4) == 0 ? new int[] {1 + r.nextInt(2), 1 + r.nextInt(2)} : new int[] {1, 1};
            int h = (kh - 1) * dil[0] + 1 + r.nextInt(7);
            int w = (kw - 1) * dil[1] + 1 + r.nextInt(7);
            String auto =
                    new String[] {"NOTSET", "NOTSET", "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"}[r.nextInt(6)];
            int[] pads = {r.nextInt(kh), r.nextInt(kw), r.nextInt(kh), r.nextInt(kw)};
            boolean ceil = r.nextBoolean() && auto.equals("NOTSET");
            boolean includePad = r.nextBoolean();
            Tensor x = KernelRuns.random(r, nhwc ? new int[] {n, h, w, c} : new int[] {n, c, h, w});
            Node.Builder b = Node.builder(max ? "MaxPool" : "AveragePool")
                    .name("pool_case")
                    .input(x.type())
                    .attr("kernel_shape", kh, kw)
                    .attr("strides", 1 + r.nextInt(2), 1 + r.nextInt(3))
                    .attr("auto_pad", auto)
                    .attr("dilations", dil)
                    .attr("ceil_mode", ceil ? 1 : 0);
            if (auto.equals("NOTSET")) {
                b.attr("pads", pads);
            }
            if (!max) {
                b.attr("count_include_pad", includePad ? 1 : 0);
            }
            if (nhwc) {
                b.attr("data_format", "NHWC");
            }
            Node node = b.build();
            KernelFactory f = max ? maxPool : averagePool;
            String what = "pool " + i + " " + node.attributes() + " x=" + x.shape();
            assertThat(f.supports(node).isSupported()).as(what).isTrue();
            Tensor one = KernelRuns.run(f, node, 1, x);
            Tensor two = KernelRuns.run(f, node, 2, x);
            Tolerance.assertClose(one, Expected.of(node, x), kh * kw, what);
            Tolerance.assertIdentical(one, two, what + " threads 1 vs 2");
        }
    }

    /** NaN is skipped unless the whole window is NaN (the reference's and ONNX Runtime's maximum), in both layouts. */
    @Test
    void maxPoolSkipsNanUnlessTheWholeWindowIsNan() {
        float nan = Float.NaN;
        // windows [NaN 2; 4 5] -> 5, [2 NaN; 5 NaN] -> 5, [4 5; NaN NaN] -> 5, [5 NaN; NaN NaN] -> 5; first tap NaN
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 3, 3), nan, 2, nan, 4, 5, nan, nan, nan, nan);
        Node nchw = Node.builder("MaxPool")
                .name("mp")
                .input(x.type())
                .attr("kernel_shape", 2, 2)
                .build();
        assertThat(KernelRuns.run(maxPool, nchw, 1, x).toFloatArray()).containsExactly(5, 5, 5, 5);
        Tensor allNan = Tensor.ofFloats(Shape.of(1, 2, 2, 1), nan, nan, nan, 1);
        Node nhwc = Node.builder("MaxPool")
                .name("mp")
                .input(allNan.type())
                .attr("kernel_shape", 1, 1)
                .attr("data_format", "NHWC")
                .build();
        assertThat(KernelRuns.run(maxPool, nhwc, 1, allNan).toFloatArray()).containsExactly(nan, nan, nan, 1);
        Tensor nhwcX = Tensor.ofFloats(Shape.of(1, 3, 3, 1), nan, 2, nan, 4, 5, nan, nan, nan, nan);
        Node nhwc2 = Node.builder("MaxPool")
                .name("mp")
                .input(nhwcX.type())
                .attr("kernel_shape", 2, 2)
                .attr("data_format", "NHWC")
                .build();
        assertThat(KernelRuns.run(maxPool, nhwc2, 1, nhwcX).toFloatArray()).containsExactly(5, 5, 5, 5);
    }

    @Test
    void handWorkedPools() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Node maxNode = Node.builder("MaxPool")
                .name("mp")
                .input(x.type())
                .attr("kernel_shape", 2, 2)
                .build();
        assertThat(KernelRuns.run(maxPool, maxNode, 1, x).toFloatArray()).containsExactly(5, 6, 8, 9);
        // pads 1 everywhere, stride 2: windows at the corners see one, two or four inside values
        Node avgExcl = Node.builder("AveragePool")
                .name("ap")
                .input(x.type())
                .attr("kernel_shape", 2, 2)
                .attr("strides", 2, 2)
                .attr("pads", 1, 1, 1, 1)
                .build();
        assertThat(KernelRuns.run(averagePool, avgExcl, 1, x).toFloatArray()).containsExactly(1f, 2.5f, 5.5f, 7f);
        Node avgIncl = Node.builder("AveragePool")
                .name("ap")
                .input(x.type())
                .attr("kernel_shape", 2, 2)
                .attr("strides", 2, 2)
                .attr("pads", 1, 1, 1, 1)
                .attr("count_include_pad", 1)
                .build();
        assertThat(KernelRuns.run(averagePool, avgIncl, 1, x).toFloatArray()).containsExactly(0.25f, 1.25f, 2.75f, 7f);
        // ceil_mode: 3x3 input, 2x2 window, stride 2 gives 2x2 instead of 1x1; the last window sees the edge only
        Node ceil = Node.builder("MaxPool")
                .name("mpc")
                .input(x.type())
                .attr("kernel_shape", 2, 2)
                .attr("strides", 2, 2)
                .attr("ceil_mode", 1)
                .build();
        assertThat(KernelRuns.run(maxPool, ceil, 1, x).toFloatArray()).containsExactly(5, 6, 8, 9);
    }

    @Test
    void globalAveragePoolBothLayouts() {
        Random r = new Random(8);
        for (boolean nhwc : new boolean[] {false, true}) {
            for (int[] dims : new int[][] {{1, 3, 5, 7}, {2, 16, 1, 1}, {2, 7, 13, 33}}) {
                int[] d = nhwc ? new int[] {dims[0], dims[2], dims[3], dims[1]} : dims;
                Tensor x = KernelRuns.random(r, d);
                Node.Builder b = Node.builder("GlobalAveragePool").name("gap").input(x.type());
                if (nhwc) {
                    b.attr("data_format", "NHWC");
                }
                Node node = b.build();
                Tensor one = KernelRuns.run(global, node, 1, x);
                assertThat(one.shape()).isEqualTo(nhwc ? Shape.of(d[0], 1, 1, d[3]) : Shape.of(d[0], d[1], 1, 1));
                Tolerance.assertClose(one, Expected.of(node, x), dims[2] * dims[3], "gap " + x.shape());
                Tolerance.assertIdentical(one, KernelRuns.run(global, node, 2, x), "gap threads");
            }
        }
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 1, 2), 1, 3, -2, 6);
        Node node =
                Node.builder("GlobalAveragePool").name("gap").input(x.type()).build();
        assertThat(KernelRuns.run(global, node, 1, x).toFloatArray()).containsExactly(2f, 2f);
    }

    @Test
    void unsupportedAndInvalidPools() {
        Node indices = Node.builder("MaxPool")
                .name("mp_idx")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 4, 4))
                .attr("kernel_shape", 2, 2)
                .outputs(2)
                .build();
        assertThat(maxPool.supports(indices).reason()).contains("Indices");
        Node oneD = Node.builder("AveragePool")
                .name("ap1")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 4))
                .attr("kernel_shape", 2)
                .build();
        assertThat(averagePool.supports(oneD).isSupported()).isFalse();
        Node noKernel = Node.builder("MaxPool")
                .name("mp_nok")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 4, 4))
                .build();
        assertThat(maxPool.supports(noKernel).isSupported()).isFalse();
        assertThatThrownBy(() -> maxPool.prepare(noKernel))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("mp_nok");
        Node badPads = Node.builder("MaxPool")
                .name("mp_pads")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 4, 4))
                .attr("kernel_shape", 2, 2)
                .attr("pads", 1, 1)
                .build();
        assertThatThrownBy(() -> maxPool.prepare(badPads))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("pads");
        Node emptyPlane = Node.builder("GlobalAveragePool")
                .name("gap0")
                .input(TensorType.of(DataType.FLOAT32, 1, 2, 0, 3))
                .build();
        assertThatThrownBy(() -> global.prepare(emptyPlane))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("gap0");
    }

    @Test
    void largePoolsSplitAcrossThreadsAgree() {
        // 64 x 48 x 48 outputs of 9 taps: enough work for the kernel to use a second thread
        Random r = new Random(6);
        for (boolean nhwc : new boolean[] {false, true}) {
            for (boolean max : new boolean[] {true, false}) {
                Tensor x = KernelRuns.random(r, nhwc ? new int[] {1, 48, 48, 64} : new int[] {1, 64, 48, 48});
                Node.Builder b = Node.builder(max ? "MaxPool" : "AveragePool")
                        .name("big_pool")
                        .input(x.type())
                        .attr("kernel_shape", 3, 3)
                        .attr("pads", 1, 1, 1, 1);
                if (nhwc) {
                    b.attr("data_format", "NHWC");
                }
                Node node = b.build();
                KernelFactory f = max ? maxPool : averagePool;
                Tensor one = KernelRuns.run(f, node, 1, x);
                Tolerance.assertClose(one, Expected.of(node, x), 9, "big pool nhwc=" + nhwc + " max=" + max);
                Tolerance.assertIdentical(one, KernelRuns.run(f, node, 2, x), "big pool threads nhwc=" + nhwc);
            }
        }
    }
}
