package dev.vela.samples.nativenpu;

import static dev.vela.samples.nativenpu.NpuTesting.biases;
import static dev.vela.samples.nativenpu.NpuTesting.conv;
import static dev.vela.samples.nativenpu.NpuTesting.quantized;
import static dev.vela.samples.nativenpu.NpuTesting.weights;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.samples.nativenpu.NpuDelegateTest.TestGraph;
import dev.vela.samples.nativenpu.NpuDelegateTest.TestNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Inverted-residual blocks run band by band (npu_block.h): 1x1 expansion, 3x3 depthwise at stride 1 or 2 (the stride-2
 * one behind a Pad folded into it, as TFLite's MobileNetV2 has), 1x1 projection, with and without the residual Add (on
 * either side), compiled into one step. On every dispatch path this CPU runs, at one and two threads and for band
 * heights that do and do not divide the output height (down to one row, where every band carries the halo over from
 * the one before), the block's bytes equal the three nodes run one by one on the same path's per-node kernels (the
 * unfused plan) and the reference's. Sizes are odd so tiles, panels and vector tails end mid-band; the images cover
 * the depthwise running in place and over its padded copy on the VNNI path.
 */
class BandedBlockTest {

    @Test
    void aBandedBlockGivesTheUnfusedBytesOnEveryPathBandHeightAndThreadCount() {
        Random r = new Random(151);
        // height, width, input channels, expansion, output channels, depthwise stride, residual (0 none,
        // 1 Add(block, y2), 2 Add(y2, block)), expansion kernel (1, or 3 with pads of 1: a stem), expansion stride
        int[][] cases = {
            {13, 11, 8, 48, 8, 1, 1, 1, 1},
            {13, 11, 5, 30, 12, 1, 0, 1, 1},
            {9, 17, 8, 40, 8, 1, 2, 1, 1},
            {13, 11, 8, 48, 16, 2, 0, 1, 1},
            {10, 7, 4, 24, 8, 2, 0, 1, 1},
            {40, 36, 4, 24, 4, 1, 1, 1, 1}, // 40x36 outputs: few border pixels, the in-place depthwise on VNNI
            {70, 66, 4, 16, 8, 2, 0, 1, 1}, // 35x33 outputs at stride 2: in place too
            // 3x3 expansions, as MobileNetV2's stem and first depthwise: RGB and 8 channels at stride 2 (the
            // direct conv on VNNI, im2col elsewhere), 5 channels at stride 1 (im2col everywhere)
            {27, 25, 3, 16, 8, 1, 0, 3, 2},
            {15, 13, 8, 24, 8, 2, 0, 3, 2},
            {11, 9, 5, 16, 16, 1, 1, 3, 1},
        };
        for (int[] c : cases) {
            assertBlockMatches(r, c);
        }
    }

    private static void assertBlockMatches(Random r, int[] c) {
        int h = c[0];
        int w = c[1];
        int cin = c[2];
        int e = c[3];
        int cout = c[4];
        int stride = c[5];
        int residual = c[6];
        int ek = c[7];
        int es = c[8];
        int eh = (h + ek - 1 - ek) / es + 1; // the expansion's pads: (ek - 1) / 2 on each side
        int ew = (w + ek - 1 - ek) / es + 1;
        int oh = stride == 1 ? eh : (eh + 1 - 3) / 2 + 1; // stride 2: TFLite's SAME pads, one row and column after
        int ow = stride == 1 ? ew : (ew + 1 - 3) / 2 + 1;
        TensorType xType =
                TensorType.quantized(DataType.INT8, Shape.of(1, h, w, cin), Quantization.perTensor(0.05f, -3));
        TensorType y2Type =
                TensorType.quantized(DataType.INT8, Shape.of(1, oh, ow, cout), Quantization.perTensor(0.07f, 5));
        Map<String, Tensor> constants = new HashMap<>();
        constants.put("we", weights(r, e, ek, cin));
        constants.put("be", biases(r, e));
        constants.put("wd", weights(r, e, 3, 1));
        constants.put("bd", biases(r, e));
        constants.put("wp", weights(r, cout, 1, e));
        constants.put("bp", biases(r, cout));
        constants.put("pads", Tensor.ofLongs(Shape.of(8), 0, 0, 0, 0, 0, 1, 1, 0));
        constants.put("zp", Tensor.ofBytes(TensorType.of(DataType.INT8, Shape.of()), (byte) 4));
        List<ViewNode> nodes = new ArrayList<>();
        nodes.add(
                node(nodes, "expand", "Conv", conv(0.2f, 4, ek, (ek - 1) / 2, es, 1), List.of("x", "we", "be"), "ex"));
        String dwIn = "ex";
        if (stride == 2) {
            nodes.add(node(
                    nodes,
                    "pad",
                    "Pad",
                    Attributes.builder().put("mode", "constant").build(),
                    List.of("ex", "pads", "zp"),
                    "exp"));
            dwIn = "exp";
        }
        nodes.add(node(
                nodes,
                "dw",
                "Conv",
                conv(0.15f, -2, 3, stride == 1 ? 1 : 0, stride, e),
                List.of(dwIn, "wd", "bd"),
                "d"));
        String blockOut = residual == 0 ? "z" : "p";
        nodes.add(node(nodes, "project", "Conv", conv(0.1f, 1, 1, 0, 1, 1), List.of("d", "wp", "bp"), blockOut));
        if (residual != 0) {
            List<String> in = residual == 1 ? List.of("p", "y2") : List.of("y2", "p");
            nodes.add(node(nodes, "add", "Add", quantized(0.12f, -1), in, "z"));
        }
        TestGraph g = new TestGraph(nodes, constants, List.of("z"), Map.of(), xType, y2Type);
        Tensor x = NpuTesting.int8(xType.shape(), 0.05f, -3, NpuTesting.randomBytes(r, h * w * cin));
        Tensor y2 = NpuTesting.int8(y2Type.shape(), 0.07f, 5, NpuTesting.randomBytes(r, oh * ow * cout));
        byte[] expected = NpuTesting.bytes(NpuDelegateTest.reference(g, x, y2));
        for (Isa isa : NpuTesting.paths()) {
            String what = String.format(
                    "%s, %dx%dx%d -> %dx%d s%d -> %d -> %d, stride %d, residual %d",
                    isa, h, w, cin, ek, ek, es, e, cout, stride, residual);
            byte[] unfused = NpuTesting.bytes(NpuDelegateTest.run(g, x, y2, n -> NpuTesting.npu(isa, n.op().name())));
            assertThat(unfused).as("%s, node by node", what).isEqualTo(expected);
            try (NpuPlan plan = (NpuPlan)
                    new NativeNpuProvider(isa).delegate().orElseThrow().compile(g)) {
                assertThat(plan.blocks()).as(what).isEqualTo(1);
                assertThat(plan.steps()).as(what).isEqualTo(1);
                plan.splitEveryStepForTest();
                for (int threads : new int[] {1, 2}) {
                    for (int rows : new int[] {1, 2, 3, 5, oh}) {
                        plan.bandRowsForTest(rows);
                        assertThat(NpuTesting.bytes(invoke(plan, x, y2, threads)))
                                .as("%s, bands of %d rows, %d threads", what, rows, threads)
                                .isEqualTo(unfused);
                    }
                }
            }
        }
    }

    @Test
    void aBlockWhoseIntermediateIsReadElsewhereRunsItsNodesApart() {
        // the expansion's output is also a boundary output: it must exist, so nothing fuses
        Random r = new Random(7);
        TensorType xType = TensorType.quantized(DataType.INT8, Shape.of(1, 9, 9, 8), Quantization.perTensor(0.05f, -3));
        Map<String, Tensor> constants = new HashMap<>();
        constants.put("we", weights(r, 24, 1, 8));
        constants.put("wd", weights(r, 24, 3, 1));
        constants.put("wp", weights(r, 8, 1, 24));
        List<ViewNode> nodes = new ArrayList<>();
        nodes.add(node(nodes, "expand", "Conv", conv(0.2f, 4, 1, 0, 1, 1), List.of("x", "we"), "ex"));
        nodes.add(node(nodes, "dw", "Conv", conv(0.15f, -2, 3, 1, 1, 24), List.of("ex", "wd"), "d"));
        nodes.add(node(nodes, "project", "Conv", conv(0.1f, 1, 1, 0, 1, 1), List.of("d", "wp"), "z"));
        TestGraph g = new TestGraph(nodes, constants, List.of("z", "ex"), Map.of(), xType, xType);
        try (NpuPlan plan =
                (NpuPlan) new NativeNpuProvider().delegate().orElseThrow().compile(g)) {
            assertThat(plan.blocks()).isZero();
            assertThat(plan.steps()).isEqualTo(3);
        }
    }

    private static Tensor invoke(NpuPlan plan, Tensor x, Tensor y2, int threads) {
        Tensor out = Tensor.allocate(plan.outputTypes().get(0));
        plan.invoke(Invocation.of(
                Arrays.asList(x.asReadOnly(), y2.asReadOnly()),
                List.of(out),
                ByteBuffer.allocateDirect(plan.scratchBytes()),
                threads));
        return out;
    }

    private static TestNode node(
            List<ViewNode> before, String name, String op, Attributes a, List<String> in, String out) {
        return new TestNode(before.size(), name, OpId.of(op), 13, a, in, List.of(out));
    }
}
