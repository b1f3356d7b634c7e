package dev.vela.samples.nativenpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.DelegateProposal;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Subgraph;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The native-npu delegate: what it proposes (runs of supported int8 nodes, a reason for every node it declines),
 * native partition plans bit-exact with the reference kernels run node by node on the same subgraph on every
 * dispatch path, inputs unchanged, a Pad folded into the following Conv only when its fill is the input zero point,
 * a Conv fused with the residual Add reading it, intermediates sharing arena bytes only after their last reader,
 * one JNI crossing per partition invocation, and the planted-bug delegate wrong exactly when an Add feeds a Conv.
 */
class NpuDelegateTest {

    private static final TensorType X =
            TensorType.quantized(DataType.INT8, Shape.of(1, 5, 5, 3), Quantization.perTensor(0.05f, -3));
    private static final TensorType Y2 =
            TensorType.quantized(DataType.INT8, Shape.of(1, 5, 5, 3), Quantization.perTensor(0.07f, 5));

    /** A view node. */
    record TestNode(
            int index,
            String name,
            OpId op,
            int opsetVersion,
            Attributes attributes,
            List<String> inputs,
            List<String> outputs)
            implements ViewNode {}

    /** A whole graph that is also the subgraph to compile: boundary inputs x and y2, the given outputs. */
    record TestGraph(
            List<ViewNode> nodes,
            Map<String, Tensor> constants,
            List<String> outputs,
            Map<String, TensorType> declared,
            TensorType xType,
            TensorType y2Type)
            implements Subgraph {
        TestGraph(
                List<ViewNode> nodes,
                Map<String, Tensor> constants,
                List<String> outputs,
                Map<String, TensorType> declared) {
            this(nodes, constants, outputs, declared, X, Y2);
        }

        @Override
        public Optional<TensorType> valueType(String value) {
            return value.equals("x")
                    ? Optional.of(xType)
                    : value.equals("y2") ? Optional.of(y2Type) : Optional.ofNullable(declared.get(value));
        }

        @Override
        public Optional<Tensor> constant(String value) {
            return Optional.ofNullable(constants.get(value)).map(Tensor::asReadOnly);
        }

        @Override
        public boolean isGraphOutput(String value) {
            return outputs.contains(value);
        }

        @Override
        public String name() {
            return "native-npu#0";
        }

        @Override
        public List<String> inputs() {
            return List.of("x", "y2");
        }

        @Override
        public List<TensorType> inputTypes() {
            return List.of(xType, y2Type);
        }
    }

    private static Map<String, Tensor> weights(Random r) {
        Tensor w = Tensor.ofBytes(
                TensorType.quantized(
                        DataType.INT8,
                        Shape.of(4, 3, 3, 3),
                        Quantization.perAxis(0, new float[] {0.01f, 0.02f, 0.015f, 0.03f}, new long[4])),
                NpuTesting.randomBytes(r, 4 * 27));
        Tensor w2 = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(3, 1, 1, 3), Quantization.perTensor(0.02f, 0)),
                NpuTesting.randomBytes(r, 9));
        Tensor w3 = Tensor.ofBytes(
                TensorType.quantized(
                        DataType.INT8,
                        Shape.of(3, 3, 3, 3),
                        Quantization.perAxis(0, new float[] {0.02f, 0.01f, 0.025f}, new long[3])),
                NpuTesting.randomBytes(r, 81));
        // Pad: NHWC begin [0, 1, 2, 0], end [0, 1, 0, 0] (asymmetric, so a wrong fold shifts the image)
        Tensor pads = Tensor.ofLongs(Shape.of(8), 0, 1, 2, 0, 0, 1, 0, 0);
        return Map.of(
                "w",
                w,
                "b",
                Tensor.ofInts(Shape.of(4), 100, -200, 3000, -7),
                "w2",
                w2,
                "w3",
                w3,
                "b3",
                Tensor.ofInts(Shape.of(3), -50, 400, 9),
                "pads",
                pads,
                "zp",
                Tensor.ofBytes(TensorType.of(DataType.INT8, Shape.of()), (byte)
                        X.quantization().orElseThrow().zeroPoint()),
                "seven",
                Tensor.ofBytes(TensorType.of(DataType.INT8, Shape.of()), (byte) 7),
                "two",
                Tensor.ofBytes(TensorType.of(DataType.INT8, Shape.of()), (byte) 2),
                "wd",
                Tensor.ofBytes(
                        TensorType.quantized(
                                DataType.INT8,
                                Shape.of(3, 3, 3, 1),
                                Quantization.perAxis(0, new float[] {0.03f, 0.02f, 0.01f}, new long[3])),
                        NpuTesting.randomBytes(r, 27)));
    }

    private static Attributes quantized(float scale, long zp) {
        return Attributes.builder()
                .put("output_scale", scale)
                .put("output_zero_point", zp)
                .build();
    }

    private static Attributes conv(float scale, long zp, int k, int pad) {
        return Attributes.builder()
                .put("output_scale", scale)
                .put("output_zero_point", zp)
                .put("data_format", "NHWC")
                .put("kernel_shape", k, k)
                .put("pads", pad, pad, pad, pad)
                .put("strides", 1, 1)
                .build();
    }

    /** add(x, y2) → s → conv 3x3 → c → sigmoid (no native kernel) → z: Add feeds Conv. */
    private static TestGraph addThenConv(Random r) {
        List<ViewNode> nodes = List.of(
                new TestNode(0, "add", OpId.of("Add"), 13, quantized(0.1f, 2), List.of("x", "y2"), List.of("s")),
                new TestNode(
                        1, "conv", OpId.of("Conv"), 13, conv(0.2f, -1, 3, 1), List.of("s", "w", "b"), List.of("c")),
                new TestNode(2, "sig", OpId.of("Sigmoid"), 13, Attributes.empty(), List.of("c"), List.of("z")));
        // as a TFLite model does, the graph declares every intermediate's type
        return new TestGraph(
                nodes,
                weights(r),
                List.of("c"),
                Map.of(
                        "s", TensorType.quantized(DataType.INT8, Shape.of(1, 5, 5, 3), Quantization.perTensor(0.1f, 2)),
                        "c",
                                TensorType.quantized(
                                        DataType.INT8, Shape.of(1, 5, 5, 4), Quantization.perTensor(0.2f, -1))));
    }

    /** conv 1x1(x) → c → add(c, y2) → s: no Add feeds a Conv. */
    private static TestGraph convThenAdd(Random r) {
        List<ViewNode> nodes = List.of(
                new TestNode(0, "conv", OpId.of("Conv"), 13, conv(0.08f, 4, 1, 0), List.of("x", "w2"), List.of("c")),
                new TestNode(1, "add", OpId.of("Add"), 13, quantized(0.1f, 2), List.of("c", "y2"), List.of("s")));
        return new TestGraph(nodes, weights(r), List.of("s"), Map.of());
    }

    /**
     * pad(x, fill) → p → conv 3x3 valid → c → add(c, y2) → s → conv 1x1 → z. With fill "zp" (x's zero point) the
     * Pad folds into the Conv; with "seven" it must not.
     */
    private static TestGraph padConvAddConv(Random r, String fill) {
        return padConvAddConv(r, fill, true);
    }

    /** As {@link #padConvAddConv(Random, String)}, the conv's output as the Add's input A or B. */
    private static TestGraph padConvAddConv(Random r, String fill, boolean convIsA) {
        List<ViewNode> nodes = List.of(
                new TestNode(
                        0,
                        "pad",
                        OpId.of("Pad"),
                        13,
                        Attributes.builder().put("mode", "constant").build(),
                        List.of("x", "pads", fill),
                        List.of("p")),
                new TestNode(
                        1, "conv3", OpId.of("Conv"), 13, conv(0.2f, -1, 3, 0), List.of("p", "w3", "b3"), List.of("c")),
                new TestNode(
                        2,
                        "add",
                        OpId.of("Add"),
                        13,
                        quantized(0.1f, 2),
                        convIsA ? List.of("c", "y2") : List.of("y2", "c"),
                        List.of("s")),
                new TestNode(3, "conv1", OpId.of("Conv"), 13, conv(0.08f, 4, 1, 0), List.of("s", "w2"), List.of("z")));
        return new TestGraph(nodes, weights(r), List.of("z"), Map.of());
    }

    /**
     * add(x, y2) → s0 → pad(fill = s0's zero point) → p → conv 3x3 valid → c → conv 1x1 → z: the folded conv reads
     * the intermediate s0, so s0's arena bytes must not be reused for c.
     */
    private static TestGraph addPadConvConv(Random r) {
        List<ViewNode> nodes = List.of(
                new TestNode(0, "add", OpId.of("Add"), 13, quantized(0.1f, 2), List.of("x", "y2"), List.of("s0")),
                new TestNode(
                        1,
                        "pad",
                        OpId.of("Pad"),
                        13,
                        Attributes.builder().put("mode", "constant").build(),
                        List.of("s0", "pads", "two"),
                        List.of("p")),
                new TestNode(
                        2, "conv3", OpId.of("Conv"), 13, conv(0.2f, -1, 3, 0), List.of("p", "w3", "b3"), List.of("c")),
                new TestNode(3, "conv1", OpId.of("Conv"), 13, conv(0.08f, 4, 1, 0), List.of("c", "w2"), List.of("z")));
        return new TestGraph(nodes, weights(r), List.of("z"), Map.of());
    }

    /** conv 1x1(x) → c1, conv 1x1(x) → c2, add(c1, c2) → s: both convs are read only by the Add (ResNet's shortcut). */
    private static TestGraph twoConvsIntoOneAdd(Random r) {
        List<ViewNode> nodes = List.of(
                new TestNode(0, "conv_a", OpId.of("Conv"), 13, conv(0.08f, 4, 1, 0), List.of("x", "w2"), List.of("c1")),
                new TestNode(
                        1, "conv_b", OpId.of("Conv"), 13, conv(0.09f, -2, 1, 0), List.of("x", "w2"), List.of("c2")),
                new TestNode(2, "add", OpId.of("Add"), 13, quantized(0.1f, 2), List.of("c1", "c2"), List.of("s")));
        return new TestGraph(nodes, weights(r), List.of("s"), Map.of());
    }

    /** pad(x, fill = x's zero point) → p → depthwise conv 3x3 valid (group 3) → z, as MobileNetV2's strided blocks. */
    private static TestGraph padDepthwise(Random r) {
        Attributes depthwise = Attributes.builder()
                .put("output_scale", 0.06f)
                .put("output_zero_point", 3L)
                .put("data_format", "NHWC")
                .put("kernel_shape", 3, 3)
                .put("pads", 0, 0, 0, 0)
                .put("strides", 1, 1)
                .put("group", 3)
                .build();
        List<ViewNode> nodes = List.of(
                new TestNode(
                        0,
                        "pad",
                        OpId.of("Pad"),
                        13,
                        Attributes.builder().put("mode", "constant").build(),
                        List.of("x", "pads", "zp"),
                        List.of("p")),
                new TestNode(1, "dw", OpId.of("Conv"), 13, depthwise, List.of("p", "wd"), List.of("z")));
        return new TestGraph(nodes, weights(r), List.of("z"), Map.of());
    }

    private static NativeNpuProvider provider() {
        return new NativeNpuProvider();
    }

    @Test
    void proposesRunsOfSupportedInt8NodesAndSaysWhyItDeclinesTheRest() {
        NativeNpuProvider p = provider();
        DelegateProposal proposal = p.delegate().orElseThrow().propose(addThenConv(new Random(1)));
        assertThat(proposal.nodeSets()).containsExactly(Set.of(0, 1));
        assertThat(proposal.declined()).containsExactly(Map.entry(2, "no native kernel for Sigmoid"));
    }

    @Test
    void aPlanIsBitExactWithTheReferenceNodeByNodeAndLeavesItsInputsAlone() {
        for (Isa isa : NpuTesting.paths()) {
            for (int seed = 0; seed < 20; seed++) {
                Random r = new Random(seed);
                for (TestGraph g : List.of(
                        partition(addThenConv(r)),
                        partition(convThenAdd(r)),
                        padConvAddConv(r, "zp"),
                        padConvAddConv(r, "seven"),
                        padConvAddConv(r, "zp", false),
                        addPadConvConv(r),
                        twoConvsIntoOneAdd(r),
                        padDepthwise(r))) {
                    Tensor x = NpuTesting.int8(X.shape(), 0.05f, -3, NpuTesting.randomBytes(r, 75));
                    Tensor y2 = NpuTesting.int8(Y2.shape(), 0.07f, 5, NpuTesting.randomBytes(r, 75));
                    byte[] before = NpuTesting.bytes(x);
                    Tensor got = runPlan(
                            new NativeNpuProvider(isa).delegate().orElseThrow().compile(g), x, y2);
                    assertThat(NpuTesting.bytes(got))
                            .as("%s seed %d %s", isa, seed, g.nodes())
                            .isEqualTo(NpuTesting.bytes(reference(g, x, y2)));
                    assertThat(NpuTesting.bytes(x)).isEqualTo(before);
                }
            }
        }
    }

    @Test
    void aPadIsFoldedIntoTheFollowingConvOnlyWhenItsFillIsTheInputZeroPointAndAResidualAddIsFused() {
        Random r = new Random(3);
        for (Isa isa : NpuTesting.paths()) {
            NpuDelegate delegate =
                    (NpuDelegate) new NativeNpuProvider(isa).delegate().orElseThrow();
            try (NpuPlan folded = (NpuPlan) delegate.compile(padConvAddConv(r, "zp"));
                    NpuPlan kept = (NpuPlan) delegate.compile(padConvAddConv(r, "seven"));
                    NpuPlan b = (NpuPlan) delegate.compile(padConvAddConv(r, "zp", false));
                    NpuPlan chain = (NpuPlan) delegate.compile(addPadConvConv(r));
                    NpuPlan addFirst = (NpuPlan) delegate.compile(partition(addThenConv(r)));
                    NpuPlan twoConvs = (NpuPlan) delegate.compile(twoConvsIntoOneAdd(r));
                    NpuPlan dw = (NpuPlan) delegate.compile(padDepthwise(r))) {
                // pad folded, conv3 + add one step, conv1
                assertThat(folded.foldedPads()).isEqualTo(1);
                assertThat(folded.fusedAdds()).isEqualTo(1);
                assertThat(folded.steps()).isEqualTo(2);
                assertThat(kept.foldedPads()).isZero();
                assertThat(kept.fusedAdds()).isEqualTo(1);
                assertThat(kept.steps()).isEqualTo(3);
                assertThat(b.fusedAdds()).isEqualTo(1);
                assertThat(chain.foldedPads()).isEqualTo(1);
                assertThat(chain.fusedAdds()).isZero();
                assertThat(chain.steps()).isEqualTo(3);
                // an Add before a Conv is no residual Add of it
                assertThat(addFirst.fusedAdds()).isZero();
                assertThat(addFirst.steps()).isEqualTo(2);
                // one of the two convs fuses with the Add, the other runs on its own
                assertThat(twoConvs.fusedAdds()).isEqualTo(1);
                assertThat(twoConvs.steps()).isEqualTo(2);
                // a depthwise conv takes the Pad too
                assertThat(dw.foldedPads()).isEqualTo(1);
                assertThat(dw.steps()).isEqualTo(1);
            }
        }
    }

    @Test
    void aDirectConvFusedWithAResidualAddIsBitExactAcrossChunksThatStartMidRow() {
        // conv 3x3 (x: 1x10x10x4, channels a multiple of four: the VNNI path's direct convolution) → c, 512
        // channels → add(c, y2) → s. 512 channels make a fused chunk 64 pixels, so the second chunk starts in
        // the middle of output row 6 and rebuilds the padded rows it reads.
        TensorType x = TensorType.quantized(DataType.INT8, Shape.of(1, 10, 10, 4), Quantization.perTensor(0.05f, 7));
        TensorType y2 =
                TensorType.quantized(DataType.INT8, Shape.of(1, 10, 10, 512), Quantization.perTensor(0.07f, -4));
        Random r = new Random(11);
        float[] scales = new float[512];
        int[] bias = new int[512];
        for (int i = 0; i < 512; i++) {
            scales[i] = 0.005f + 0.02f * r.nextFloat();
            bias[i] = r.nextInt(4000) - 2000;
        }
        Map<String, Tensor> constants = Map.of(
                "w",
                Tensor.ofBytes(
                        TensorType.quantized(
                                DataType.INT8, Shape.of(512, 3, 3, 4), Quantization.perAxis(0, scales, new long[512])),
                        NpuTesting.randomBytes(r, 512 * 36)),
                "b",
                Tensor.ofInts(Shape.of(512), bias));
        List<ViewNode> nodes = List.of(
                new TestNode(
                        0, "conv", OpId.of("Conv"), 13, conv(0.3f, -6, 3, 1), List.of("x", "w", "b"), List.of("c")),
                new TestNode(1, "add", OpId.of("Add"), 13, quantized(0.1f, 2), List.of("c", "y2"), List.of("s")));
        TestGraph g = new TestGraph(nodes, constants, List.of("s"), Map.of(), x, y2);
        Tensor xv = NpuTesting.int8(x.shape(), 0.05f, 7, NpuTesting.randomBytes(r, 400));
        Tensor y2v = NpuTesting.int8(y2.shape(), 0.07f, -4, NpuTesting.randomBytes(r, 51200));
        byte[] expected = NpuTesting.bytes(reference(g, xv, y2v));
        for (Isa isa : NpuTesting.paths()) {
            NpuDelegate delegate =
                    (NpuDelegate) new NativeNpuProvider(isa).delegate().orElseThrow();
            try (NpuPlan plan = (NpuPlan) delegate.compile(g)) {
                assertThat(plan.fusedAdds()).isEqualTo(1);
            }
            assertThat(NpuTesting.bytes(runPlan(delegate.compile(g), xv, y2v)))
                    .as("%s", isa)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aPartitionInvocationCrossesIntoNativeCodeOnceWhilePerNodeKernelsCrossOncePerNode() {
        Random r = new Random(5);
        TestGraph g = padConvAddConv(r, "seven"); // four nodes, three native steps
        Tensor x = NpuTesting.int8(X.shape(), 0.05f, -3, NpuTesting.randomBytes(r, 75));
        Tensor y2 = NpuTesting.int8(Y2.shape(), 0.07f, 5, NpuTesting.randomBytes(r, 75));
        try (Kernel plan = provider().delegate().orElseThrow().compile(g)) {
            Tensor out = Tensor.allocate(plan.outputTypes().get(0));
            ByteBuffer scratch = ByteBuffer.allocateDirect(plan.scratchBytes());
            long before = NpuNative.npu_jni_run_calls();
            for (int i = 0; i < 5; i++) {
                plan.invoke(Invocation.of(List.of(x, y2), List.of(out), scratch));
            }
            assertThat(NpuNative.npu_jni_run_calls() - before)
                    .as("JNI run entries for 5 invocations")
                    .isEqualTo(5);
        }
        // the same subgraph node by node on the per-node kernels: the counter sees every node
        long before = NpuNative.npu_jni_run_calls();
        Tensor perNode = run(g, x, y2, n -> NpuTesting.npu(Dispatch.resolve(Isa.AVX512_VNNI), n.op().name()));
        assertThat(NpuNative.npu_jni_run_calls() - before).isEqualTo(4);
        assertThat(NpuTesting.bytes(perNode)).isEqualTo(NpuTesting.bytes(reference(g, x, y2)));
    }

    @Test
    void thePlantedBugShowsOnlyWhereAnAddFeedsAConv() {
        PlantedBugNpuDelegate buggy = new PlantedBugNpuDelegate(provider()::factories);
        Random r = new Random(7);
        Tensor x = NpuTesting.int8(X.shape(), 0.05f, -3, NpuTesting.randomBytes(r, 75));
        Tensor y2 = NpuTesting.int8(Y2.shape(), 0.07f, 5, NpuTesting.randomBytes(r, 75));
        TestGraph adjacent = partition(addThenConv(r));
        TestGraph apart = partition(convThenAdd(r));
        assertThat(NpuTesting.bytes(runPlan(buggy.compile(adjacent), x, y2)))
                .isNotEqualTo(NpuTesting.bytes(reference(adjacent, x, y2)));
        assertThat(NpuTesting.bytes(runPlan(buggy.compile(apart), x, y2)))
                .isEqualTo(NpuTesting.bytes(reference(apart, x, y2)));
    }

    /** The graph without nodes the delegate declines (what the runtime would hand it). */
    private static TestGraph partition(TestGraph g) {
        List<ViewNode> kept =
                g.nodes().stream().filter(n -> !n.op().name().equals("Sigmoid")).toList();
        return new TestGraph(kept, g.constants(), g.outputs(), g.declared(), g.xType(), g.y2Type());
    }

    private static Tensor runPlan(Kernel plan, Tensor x, Tensor y2) {
        try (plan) {
            assertThat(plan.isConcurrent()).isFalse();
            Tensor out = Tensor.allocate(plan.outputTypes().get(0));
            plan.invoke(Invocation.of(
                    java.util.Arrays.asList(x.asReadOnly(), y2.asReadOnly()),
                    List.of(out),
                    ByteBuffer.allocateDirect(plan.scratchBytes())));
            return out;
        }
    }

    /** The same subgraph on the reference kernels, node by node, every intermediate in a fresh tensor. */
    static Tensor reference(TestGraph g, Tensor x, Tensor y2) {
        // Pad is a data-movement kernel of the reference (dev.vela.reference.nn), not a quantized one
        return run(
                g,
                x,
                y2,
                n -> n.op().name().equals("Pad")
                        ? new dev.vela.reference.nn.Pad()
                        : NpuTesting.reference(n.op().name()));
    }

    /** The subgraph node by node on the given factories, every intermediate in a fresh tensor. */
    static Tensor run(
            TestGraph g, Tensor x, Tensor y2, java.util.function.Function<ViewNode, KernelFactory> factories) {
        Map<String, Tensor> values = new HashMap<>(Map.of("x", x, "y2", y2));
        Map<String, TensorType> types = new HashMap<>(Map.of("x", g.xType(), "y2", g.y2Type()));
        for (ViewNode n : g.nodes()) {
            KernelFactory f = factories.apply(n);
            try (Kernel k = f.prepare(g.asNode(n, types))) {
                List<Tensor> in = new ArrayList<>();
                for (String v : n.inputs()) {
                    in.add(values.containsKey(v) ? values.get(v) : g.constants().get(v));
                }
                Tensor out = Tensor.allocate(k.outputTypes().get(0));
                k.invoke(Invocation.of(in, List.of(out), ByteBuffer.allocateDirect(k.scratchBytes())));
                values.put(n.outputs().get(0), out);
                types.put(n.outputs().get(0), out.type());
            }
        }
        return values.get(g.outputs().get(0));
    }
}
