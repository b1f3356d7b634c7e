package dev.vela.conformance.cases.ops;

import dev.vela.conformance.cases.CaseGenerator;
import dev.vela.conformance.cases.InvalidNode;
import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for 2-D Conv in NCHW (weights OIHW) and NHWC ({@code data_format}, weights OHWI): float32
 * and the quantized int8 (per-channel symmetric weights), uint8 (per-tensor weights with a zero
 * point) and int16x8 (int8 weights, int32 or int64 bias). Geometry: strides, dilations,
 * asymmetric pads or auto_pad, groups: plain, depthwise ({@code group} = C, weights [C*m, k.., 1]
 * with multiplier m) and two groups. Quantized cases add zero points at the extremes, saturating
 * data, output scales that saturate, fused Relu / Clip(0, 6), and the layers of real models
 * ({@link ModelLayers}). Float cases: one in {@value LargeShapes#ONE_IN} large (many channels, pointwise,
 * a large image, wide depthwise; each kind among the first ten cases of a run), one in {@value FusedActivations#ONE_IN} with a fused Relu or Clip; a malformed
 * fused Clip is an invalid float node. The first cases of a run take each padding mode (SAME_UPPER, SAME_LOWER,
 * explicit) with odd padding totals ({@link Window#oddPadding(int)}), where the odd row goes decides the result.
 * One quantized case in four, and one per edge among the first of a run, has an effective multiplier at a
 * requantization edge ({@link ConvQuantization#EDGE_MULTIPLIERS}) with small data.
 * Shrinks along batch, channels, spatial size, kernel, strides, dilations and pads.
 */
public final class ConvCases implements CaseGenerator {

    private static final OpId CONV = OpId.of("Conv");

    /** Output-scale factors: spanning the range, saturating hard, and coarse. */
    private static final List<Float> OUTPUT_FACTORS = List.of(1f, 0.05f, 8f);

    @Override
    public OpId op() {
        return CONV;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.FLOAT32, DataType.INT8, DataType.UINT8, DataType.INT16);
    }

    @Override
    public Set<Layout> layouts() {
        return Set.of(Layout.NCHW, Layout.NHWC);
    }

    /**
     * The grouping knobs of a case.
     *
     * @param mode 0 plain, 1 depthwise, 2 two groups
     * @param outPerGroup output channels per group (the depthwise multiplier in mode 1)
     * @param bias whether there is a bias
     */
    record Grouping(int mode, int outPerGroup, boolean bias) {
        int group(int channels) {
            return mode == 1 ? channels : mode == 2 ? 2 : 1;
        }

        int inChannels(int knob) {
            return mode == 2 ? 2 * knob : knob;
        }
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<Grouping> grouping = Knobs.of(0, 2, 1, 3, 0, 1).map(k -> new Grouping(k[0], k[1], k[2] == 1));
        Gen<OpCase> generated = Gens.tuples(Window.gen(2, 3, 3, 2, 2, true), grouping)
                .flatMap(t -> claim.dataType() == DataType.FLOAT32
                        ? floatCase(claim.layout(), t.first(), t.second())
                        : quantizedCase(claim.dataType(), claim.layout(), t.first(), t.second()));
        Gen<OpCase> cases = generated;
        List<Gen<OpCase>> kinds = new ArrayList<>();
        if (claim.dataType() == DataType.FLOAT32) {
            cases = FusedActivations.sometimes(
                    Gens.frequency(
                            Gens.weighted(LargeShapes.ONE_IN - 2, generated),
                            Gens.weighted(1, largeFloatCases(claim.layout(), Gens.ints(0, 3))),
                            Gens.weighted(1, widePadCases(claim.layout()))),
                    claim.dataType());
            for (int kind = 0; kind < 4; kind++) {
                kinds.add(largeFloatCases(claim.layout(), Gens.constant(kind)));
            }
            kinds.add(widePadCases(claim.layout()));
        }
        if (claim.dataType() != DataType.FLOAT32) {
            cases = Gens.frequency(
                    Gens.weighted(3, generated),
                    Gens.weighted(
                            1,
                            edgeCase(
                                    claim.dataType(),
                                    claim.layout(),
                                    Gens.ints(0, ConvQuantization.EDGE_MULTIPLIERS.length - 1))));
            for (int e = 0; e < ConvQuantization.EDGE_MULTIPLIERS.length; e++) {
                kinds.add(edgeCase(claim.dataType(), claim.layout(), Gens.constant(e)));
            }
        }
        Optional<Gen<OpCase>> fixed = ModelLayers.convCases(claim);
        Gen<OpCase> all = cases;
        Gen<OpCase> mixed = fixed.map(f -> Gens.frequency(Gens.weighted(9, all), Gens.weighted(1, f)))
                .orElse(all);
        // the first cases of a run: each padding mode with odd totals (even indices), each large kind (float) or
        // requantization edge (quantized) (odd ones); then a dilated depthwise and a dilated grouped case, so that
        // every grouping mode, bias or none, stride and dilation is met at every seed (ATTRIBUTE_COVER)
        List<Gen<OpCase>> first = new ArrayList<>();
        for (int i = 0; i < Math.max(kinds.size(), Window.ODD_PADDINGS); i++) {
            int index = i;
            first.add(
                    i < Window.ODD_PADDINGS
                            ? Window.oddPadding(i).flatMap(w -> oddPaddingCase(claim, w, index))
                            : null);
            first.add(i < kinds.size() ? kinds.get(i) : null);
        }
        first.add(dilatedCase(claim, new Grouping(1, 2, true)));
        first.add(dilatedCase(claim, new Grouping(2, 1, false)));
        return Gens.firstCases(mixed, first);
    }

    /**
     * The grouping of the odd-padding case with this index: plain, depthwise and two groups in turn, the
     * depthwise multiplier 1 or 2, and one case without a bias, so the padding modes meet every grouping mode.
     */
    static Grouping oddPaddingGrouping(int index) {
        return new Grouping(index % 3, 1 + index % 2, index != 4);
    }

    /** A convolution over a window whose total padding is odd, grouped by {@link #oddPaddingGrouping(int)}. */
    private static Gen<OpCase> oddPaddingCase(KernelClaim claim, Window w, int index) {
        Grouping g = oddPaddingGrouping(index);
        Gen<OpCase> c = claim.dataType() == DataType.FLOAT32
                ? floatCase(claim.layout(), w, g)
                : quantizedCase(claim.dataType(), claim.layout(), w, g);
        return c.map(x -> {
            java.util.Set<String> l = new java.util.HashSet<>(x.labels());
            l.add("odd padding total");
            return new OpCase(x.node(), x.inputs(), l);
        });
    }

    /**
     * A convolution dilated by 2 along both axes with stride 2 along the width and explicit asymmetric pads on a
     * 7x9 input (3x2 kernel): the geometry of the dilated-depthwise bug a seed once had to find by chance.
     */
    private static Gen<OpCase> dilatedCase(KernelClaim claim, Grouping g) {
        Gen<Window> window = Gens.tuples(Gens.fixedShrinkingToward(2, 1), Gens.fixedShrinkingToward(3, 1))
                .map(t -> new Window(
                        t.first().intValue(),
                        t.second().intValue(),
                        7,
                        9,
                        3,
                        2,
                        1,
                        2,
                        2,
                        2,
                        new int[] {1, 0, 2, 1},
                        "NOTSET"));
        return window.flatMap(w -> claim.dataType() == DataType.FLOAT32
                ? floatCase(claim.layout(), w, g)
                : quantizedCase(claim.dataType(), claim.layout(), w, g));
    }

    /**
     * Float convolutions whose explicit pads reach or pass the kernel (a 1x1 or 2x2 kernel with pads up to 2 on
     * any side, stride 1 or 2): ONNX allows them for Conv (unlike pooling), and the border outputs then see only
     * padding (bias alone). The general window generator keeps pads below the kernel, which pooling requires.
     */
    private static Gen<OpCase> widePadCases(Layout layout) {
        return Gens.tuples(Knobs.of(1, 2, 0, 2, 0, 2, 0, 2, 0, 2, 1, 2, 1, 3, 0, 3, 1, 3), Gens.booleans())
                .flatMap(t -> {
                    int[] k = t.first();
                    int[] pads = {k[1], k[2], k[3], k[4]};
                    Window w = new Window(1, k[6], 2 + k[7], 3 + k[7], k[0], k[0], k[5], k[5], 1, 1, pads, "NOTSET");
                    return floatCase(layout, w, new Grouping(0, k[8], t.second()))
                            .map(c -> {
                                java.util.Set<String> l = new java.util.HashSet<>(c.labels());
                                l.add("pads beyond kernel");
                                return new OpCase(c.node(), c.inputs(), l);
                            });
                });
    }

    /**
     * Float convolutions beyond the common block sizes, each near 0.5 million multiply-adds at most: many output
     * channels (33..200, kernel 1 or 3, pads 0 or 1); a pointwise conv (1x1, stride 1, unpadded, 8..64 channels
     * in and out, batch 1 or 2), the layer vendors run as a plain matrix product; a large image (17..28 square,
     * so more than 256 output pixels, stride and dilation 1 or 2); and a depthwise conv over 17..150 channels.
     */
    private static Gen<OpCase> largeFloatCases(Layout layout, Gen<Integer> kinds) {
        return Gens.tuples(kinds, Knobs.of(0, 167, 0, 56, 0, 11, 0, 1, 0, 1), Gens.booleans())
                .flatMap(t -> {
                    int[] k = new int[6];
                    k[0] = t.first();
                    System.arraycopy(t.second(), 0, k, 1, 5);
                    boolean bias = t.third();
                    int pad = k[4];
                    Window w;
                    Grouping g;
                    switch (k[0]) {
                        case 0 -> {
                            int kernel = k[5] == 0 ? 1 : 3;
                            int p = kernel == 1 ? 0 : pad;
                            w = new Window(
                                    1,
                                    1 + k[2] % 8,
                                    3 + k[3] % 4,
                                    3 + k[3] / 4,
                                    kernel,
                                    kernel,
                                    1,
                                    1,
                                    1,
                                    1,
                                    new int[] {p, p, p, p},
                                    "NOTSET");
                            g = new Grouping(0, 33 + k[1], bias);
                        }
                        case 1 -> {
                            w = new Window(
                                    1 + k[5],
                                    8 + k[2],
                                    4 + k[3] % 5,
                                    4 + k[3] % 4,
                                    1,
                                    1,
                                    1,
                                    1,
                                    1,
                                    1,
                                    new int[4],
                                    "NOTSET");
                            g = new Grouping(0, 8 + k[1] % 57, bias);
                        }
                        case 2 -> {
                            int s = 1 + k[5];
                            int d = 1 + k[4];
                            w = new Window(
                                    1,
                                    1 + k[2] % 4,
                                    17 + k[3],
                                    17 + k[1] % 12,
                                    3,
                                    3,
                                    s,
                                    s,
                                    d,
                                    d,
                                    new int[] {pad, pad, 1, 1},
                                    "NOTSET");
                            g = new Grouping(0, 1 + k[1] % 8, bias);
                        }
                        default -> {
                            int s = 1 + k[5];
                            w = new Window(
                                    1,
                                    17 + k[1] % 134,
                                    4 + k[3] % 7,
                                    4 + k[2] % 7,
                                    3,
                                    3,
                                    s,
                                    s,
                                    1,
                                    1,
                                    new int[] {1, 1, 1, 1},
                                    "NOTSET");
                            g = new Grouping(1, 1, bias);
                        }
                    }
                    Window window = w;
                    return floatCase(layout, window, g).map(c -> {
                        java.util.Set<String> l = new java.util.HashSet<>(c.labels());
                        l.add("large");
                        return new OpCase(c.node(), c.inputs(), l);
                    });
                });
    }

    private static Gen<OpCase> floatCase(Layout layout, Window win, Grouping g) {
        return QuantGens.seeds().map(seed -> {
            Window w = win.withChannels(g.inChannels(win.channels()));
            int group = g.group(w.channels());
            int m = group * g.outPerGroup();
            TensorType xt = TensorType.of(DataType.FLOAT32, w.input(layout));
            TensorType wt = TensorType.of(DataType.FLOAT32, weightShape(layout, w, m, group));
            Tensor x = QuantGens.fillFloats(xt, seed, 4f);
            boolean special = QuantGens.maybeSpecial(x, seed);
            Tensor weights = QuantGens.fillFloats(wt, seed + 1, 1f);
            Node.Builder b = Node.builder(CONV).name("conv").input(xt).constantInput(weights);
            List<Tensor> inputs = new ArrayList<>(List.of(x, weights));
            if (g.bias()) {
                Tensor bias = QuantGens.fillFloats(TensorType.of(DataType.FLOAT32, Shape.of(m)), seed + 2, 1f);
                b.constantInput(bias);
                inputs.add(bias);
            }
            w.apply(b, layout, true);
            b.attr("group", (long) group);
            Set<String> labels = labels(w, g, layout);
            if (special) {
                labels = new java.util.HashSet<>(labels);
                labels.add("special values");
            }
            return new OpCase(b.build(), inputs, labels);
        });
    }

    /**
     * Quantized convolutions whose effective multiplier is a requantization edge ({@link ConvQuantization#edge}),
     * per-tensor weights, small data (within 4 of the zero points), no activation.
     */
    private static Gen<OpCase> edgeCase(DataType type, Layout layout, Gen<Integer> edges) {
        Gen<Grouping> grouping = Knobs.of(0, 2, 1, 3, 0, 1).map(k -> new Grouping(k[0], k[1], k[2] == 1));
        return Gens.tuples(
                        Gens.tuples(Window.gen(2, 3, 3, 2, 2, true), grouping),
                        Gens.tuples(QuantGens.activation(type), QuantGens.activation(type)),
                        Gens.tuples(QuantGens.scale(), QuantGens.seeds(), edges))
                .map(t -> {
                    Window w = t.first()
                            .first()
                            .withChannels(t.first()
                                    .second()
                                    .inChannels(t.first().first().channels()));
                    Grouping g = t.first().second();
                    int group = g.group(w.channels());
                    int m = group * g.outPerGroup();
                    int edge = t.third().third();
                    long seed = t.third().second();
                    ConvQuantization q = ConvQuantization.edge(
                            type,
                            t.second().first(),
                            t.second().second(),
                            t.third().first(),
                            edge,
                            seed);
                    OpCase c = quantizedNode(
                            type, layout, w, group, m, g.bias(), false, "None", q, seed, labels(w, g, layout));
                    DataType weightType = type == DataType.UINT8 ? DataType.UINT8 : DataType.INT8;
                    long[] xr = ConvQuantization.smallData(q.input(), type);
                    long[] wr = ConvQuantization.smallData(q.weights(), weightType);
                    List<Tensor> inputs = new ArrayList<>(c.inputs());
                    inputs.set(
                            0,
                            QuantGens.fill(inputs.get(0).type(), seed, q.input().zeroPoint(), xr[0], xr[1]));
                    Tensor weights = QuantGens.fill(
                            inputs.get(1).type(), seed + 1, q.weights().zeroPoint(), wr[0], wr[1]);
                    inputs.set(1, weights);
                    Node.Builder b = Node.builder(CONV).name("conv");
                    dev.vela.spi.Node n = c.node();
                    b.input(n.inputType(0)).constantInput(weights);
                    if (inputs.size() > 2) {
                        Tensor bias = QuantGens.fill(inputs.get(2).type(), seed + 2, 0, -20, 20);
                        inputs.set(2, bias);
                        b.constantInput(bias);
                    }
                    b.attributes().putAll(n.attributes());
                    b.outputQuantization(0, q.output());
                    Set<String> labels = new java.util.HashSet<>(c.labels());
                    labels.add("requantization edge " + ConvQuantization.EDGE_MULTIPLIERS[edge]);
                    return new OpCase(b.build(), inputs, labels);
                });
    }

    private static Gen<OpCase> quantizedCase(DataType type, Layout layout, Window win, Grouping g) {
        Gen<int[]> quantKnobs = Knobs.of(0, 1, 0, 2, 0, 2, 0, 1); // per-channel, output factor, activation, int64 bias
        return Gens.tuples(
                        Gens.tuples(QuantGens.activation(type), QuantGens.activation(type)),
                        Gens.tuples(quantKnobs, QuantGens.scale(), QuantGens.seeds()))
                .map(t -> {
                    Window w = win.withChannels(g.inChannels(win.channels()));
                    int group = g.group(w.channels());
                    int m = group * g.outPerGroup();
                    int[] k = t.second().first();
                    ConvQuantization q = ConvQuantization.of(
                            type,
                            t.first().first(),
                            t.first().second(),
                            k[0] == 1 && type != DataType.UINT8,
                            t.second().second(),
                            OUTPUT_FACTORS.get(k[1]),
                            m,
                            (w.channels() / group) * w.taps(),
                            t.second().third());
                    return quantizedNode(
                            type,
                            layout,
                            w,
                            group,
                            m,
                            g.bias(),
                            k[3] == 1,
                            QuantGens.ACTIVATIONS.get(k[2]),
                            q,
                            t.second().third(),
                            labels(w, g, layout));
                });
    }

    /**
     * Builds a quantized Conv node with its data.
     *
     * @param type activation type
     * @param layout layout
     * @param w the window (channels = input channels)
     * @param group groups
     * @param m output channels
     * @param bias with a bias
     * @param wideBias int64 bias (int16 activations only)
     * @param activation fused activation
     * @param q quantization
     * @param seed data seed
     * @param labels case labels
     * @return the case
     */
    static OpCase quantizedNode(
            DataType type,
            Layout layout,
            Window w,
            int group,
            int m,
            boolean bias,
            boolean wideBias,
            String activation,
            ConvQuantization q,
            long seed,
            Set<String> labels) {
        DataType weightType = type == DataType.UINT8 ? DataType.UINT8 : DataType.INT8;
        TensorType xt = TensorType.quantized(type, w.input(layout), q.input());
        Shape ws = weightShape(layout, w, m, group);
        TensorType wt = TensorType.quantized(weightType, ws, q.weights());
        Tensor x = QuantGens.fill(xt, seed, q.input().zeroPoint());
        long wz = q.weights().zeroPoint();
        Tensor weights = weightType == DataType.UINT8
                ? QuantGens.fill(wt, seed + 1, wz)
                : QuantGens.fill(wt, seed + 1, 0, -127, 127);
        Node.Builder b = Node.builder(CONV).name("conv").input(xt).constantInput(weights);
        List<Tensor> inputs = new ArrayList<>(List.of(x, weights));
        if (bias) {
            DataType bt = type == DataType.INT16 && wideBias ? DataType.INT64 : DataType.INT32;
            TensorType btype = TensorType.quantized(bt, Shape.of(m), q.bias(m));
            Tensor bv = QuantGens.fill(btype, seed + 2, 0, -100_000, 100_000);
            b.constantInput(bv);
            inputs.add(bv);
        }
        w.apply(b, layout, true);
        b.attr("group", (long) group);
        QuantGens.applyActivation(b, activation);
        b.outputQuantization(0, q.output());
        List<String> l = new ArrayList<>(labels);
        if (q.weights().isPerAxis()) {
            l.add("per-channel");
        }
        if (!activation.equals("None")) {
            l.add("fused " + activation);
        }
        long zx = q.input().zeroPoint();
        if (zx == QuantGens.min(type) || zx == QuantGens.max(type)) {
            l.add("extreme zero point");
        }
        return new OpCase(b.build(), inputs, Set.copyOf(l));
    }

    /** @return OIHW (NCHW) or OHWI (NHWC) weights with C/group input channels */
    static Shape weightShape(Layout layout, Window w, int m, int group) {
        int cg = w.channels() / group;
        return layout == Layout.NHWC ? Shape.of(m, w.kh(), w.kw(), cg) : Shape.of(m, cg, w.kh(), w.kw());
    }

    private static Set<String> labels(Window w, Grouping g, Layout layout) {
        List<String> l = new ArrayList<>();
        l.add(layout.name());
        l.add(g.mode() == 1 ? "depthwise" : g.mode() == 2 ? "grouped" : "plain");
        if (w.padded()) {
            l.add("explicit pads");
        }
        if (!w.autoPad().equals("NOTSET")) {
            l.add("auto_pad " + w.autoPad());
        }
        if (w.sh() > 1 || w.sw() > 1) {
            l.add("strided");
        }
        if (w.dh() > 1 || w.dw() > 1) {
            l.add("dilated");
        }
        return Set.copyOf(l);
    }

    /** Float outputs are sums of products of the inputs: cancelling terms widen the tolerance by their magnitudes. */
    @Override
    public boolean sumsOfTerms(OpCase c) {
        return c.node().inputType(0).dataType().isFloatingPoint();
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape w = c.node().inputType(1).shape();
        return w.elementCount() / Math.max(1, w.dim(0)) + (c.node().inputCount() > 2 ? 1 : 0);
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        Layout layout = claim.layout();
        DataType type = claim.dataType();
        boolean quantized = type != DataType.FLOAT32;
        Gen<InvalidNode> badGroup = Gens.ints(2, 4).map(c -> {
            // 3 input channels in 2 groups
            Window w = new Window(1, 2 * c - 1, 4, 4, 1, 1, 1, 1, 1, 1, new int[4], "NOTSET");
            Node.Builder b = Node.builder(CONV)
                    .name("conv")
                    .input(input(type, w.input(layout)))
                    .constantInput(constant(weightsType(type, weightShape(layout, w.withChannels(2), 2, 1), 2)))
                    .attr("group", 2L);
            finish(b, layout, type);
            return new InvalidNode(b.build(), "group 2 does not divide " + (2 * c - 1) + " input channels");
        });
        Gen<InvalidNode> kernelMismatch = Gens.ints(1, 3).map(k -> {
            Window w = new Window(1, 2, 5, 5, k, k, 1, 1, 1, 1, new int[4], "NOTSET");
            Node.Builder b = Node.builder(CONV)
                    .name("conv")
                    .input(input(type, w.input(layout)))
                    .constantInput(constant(weightsType(type, weightShape(layout, w, 2, 1), 2)))
                    .attr("kernel_shape", k + 1, k + 1);
            finish(b, layout, type);
            return new InvalidNode(
                    b.build(), "kernel_shape " + (k + 1) + " does not match " + k + "x" + k + " weights");
        });
        Gen<InvalidNode> oneInput = Gens.constant(0).map(z -> {
            Node.Builder b = Node.builder(CONV).name("conv").input(input(type, Shape.of(1, 2, 3, 3)));
            finish(b, layout, type);
            return new InvalidNode(b.build(), "wrong arity: no weights");
        });
        Gen<InvalidNode> badBias = Gens.ints(1, 3).map(m -> {
            Window w = new Window(1, 2, 3, 3, 1, 1, 1, 1, 1, 1, new int[4], "NOTSET");
            DataType bt = quantized ? DataType.INT32 : DataType.FLOAT32;
            Node.Builder b = Node.builder(CONV)
                    .name("conv")
                    .input(input(type, w.input(layout)))
                    .constantInput(constant(weightsType(type, weightShape(layout, w, m, 1), m)))
                    .constantInput(constant(TensorType.of(bt, Shape.of(m + 1))));
            finish(b, layout, type);
            return new InvalidNode(b.build(), "bias of " + (m + 1) + " for " + m + " output channels");
        });
        Gen<InvalidNode> fourInputs = Gens.constant(0).map(z -> {
            Window w = new Window(1, 2, 3, 3, 1, 1, 1, 1, 1, 1, new int[4], "NOTSET");
            DataType bt = quantized ? DataType.INT32 : DataType.FLOAT32;
            Node.Builder b = Node.builder(CONV)
                    .name("conv")
                    .input(input(type, w.input(layout)))
                    .constantInput(constant(weightsType(type, weightShape(layout, w, 2, 1), 2)))
                    .constantInput(constant(TensorType.of(bt, Shape.of(2))))
                    .constantInput(constant(TensorType.of(bt, Shape.of(2))));
            finish(b, layout, type);
            return new InvalidNode(b.build(), "wrong arity: 4 inputs");
        });
        java.util.function.IntFunction<InvalidNode> geometry = k -> {
            Window w = new Window(1, 2, 4, 4, 2, 2, 1, 1, 1, 1, new int[4], "NOTSET");
            Node.Builder b = Node.builder(CONV)
                    .name("conv")
                    .input(input(type, w.input(layout)))
                    .constantInput(constant(weightsType(type, weightShape(layout, w, 2, 1), 2)))
                    .attr("kernel_shape", 2, 2);
            String why = switch (k) {
                case 0 -> {
                    b.attr("strides", 1, 0);
                    yield "stride 0";
                }
                case 1 -> {
                    b.attr("dilations", 0, 1);
                    yield "dilation 0";
                }
                case 2 -> {
                    b.attr("pads", 0, -1, 0, 0);
                    yield "negative pad";
                }
                case 3 -> {
                    b.attr("group", 0L);
                    yield "group 0";
                }
                case 4 -> {
                    b.attr("dilations", 1, 0);
                    yield "dilation 0 along the width";
                }
                default -> {
                    b.attr("dilations", 4, 4);
                    yield "dilated kernel larger than the input";
                }
            };
            finish(b, layout, type);
            return new InvalidNode(b.build(), why);
        };
        Gen<InvalidNode> badGeometry = Gens.ints(0, 5).map(geometry::apply);
        // the first nodes of a run: each defect once, so a drawn run of 30 does not miss one (a geometry in 42)
        List<Gen<InvalidNode>> first =
                new ArrayList<>(List.of(badGroup, kernelMismatch, oneInput, fourInputs, badBias));
        for (int k = 0; k <= 5; k++) {
            first.add(Gens.constant(geometry.apply(k)));
        }
        if (quantized) {
            return Optional.of(Gens.firstCases(
                    Gens.oneOf(badGroup, kernelMismatch, oneInput, fourInputs, badBias, badGeometry), first));
        }
        Window plain = new Window(1, 2, 3, 3, 2, 2, 1, 1, 1, 1, new int[4], "NOTSET");
        Node.Builder valid = Node.builder(CONV)
                .name("conv")
                .input(input(type, plain.input(layout)))
                .constantInput(constant(weightsType(type, weightShape(layout, plain, 2, 1), 2)));
        finish(valid, layout, type);
        first.add(FusedActivations.invalid(valid.build()));
        return Optional.of(Gens.firstCases(
                Gens.oneOf(
                        badGroup,
                        kernelMismatch,
                        oneInput,
                        fourInputs,
                        badBias,
                        badGeometry,
                        FusedActivations.invalid(valid.build())),
                first));
    }

    /**
     * Weights and bias of the invalid nodes are constants (zeros), as in every model, so that a vendor that takes
     * only constant weights refuses the node for the defect under test, not for its weights.
     */
    private static Tensor constant(TensorType type) {
        return Tensor.allocate(type);
    }

    private static TensorType input(DataType type, Shape s) {
        return type == DataType.FLOAT32
                ? TensorType.of(type, s)
                : TensorType.quantized(type, s, Quantization.perTensor(0.5f, 0));
    }

    private static TensorType weightsType(DataType type, Shape s, int m) {
        if (type == DataType.FLOAT32) {
            return TensorType.of(type, s);
        }
        return TensorType.quantized(
                type == DataType.UINT8 ? DataType.UINT8 : DataType.INT8,
                s,
                Quantization.perTensor(0.5f, type == DataType.UINT8 ? 128 : 0));
    }

    private static void finish(Node.Builder b, Layout layout, DataType type) {
        if (layout == Layout.NHWC) {
            b.attr("data_format", "NHWC");
        }
        if (type != DataType.FLOAT32) {
            b.outputQuantization(0, Quantization.perTensor(1f, 0));
        }
    }
}
