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
 * Cases for the 2-D window pools MaxPool, AveragePool and LpPool in NCHW and NHWC. float32:
 * strides, asymmetric pads or auto_pad, ceil_mode, dilations (MaxPool), count_include_pad
 * (AveragePool), p (LpPool), the Indices output with both storage orders (MaxPool), NaN / ±Inf /
 * -0 in the input. Quantized int8 / uint8 / int16 (MaxPool, AveragePool): TFLite's pools with
 * input and output sharing their quantization, zero points at the extremes, saturating data and
 * fused Relu / Clip(0, 6). int8 / uint8 MaxPool also without quantization (one case in four), which
 * the reference's ONNX kernel implements under the same claim. One case in {@value #LARGE_ONE_IN} is a large window
 * (121 to 400 taps, {@link Window#large(int)}); the first cases of a run take each padding mode with odd totals
 * ({@link Window#oddPadding(int)}) with the per-operator attribute (count_include_pad, indices, p) varied, large windows
 * (289 taps or more) whose quantized values sit near the top and near the bottom of the range, where a narrow window
 * sum overflows, and ceil_mode with and without pads: every attribute the generator varies is met at every seed.
 */
public final class PoolCases implements CaseGenerator {

    private final OpId op;
    private final Set<DataType> types;

    private PoolCases(String op, Set<DataType> types) {
        this.op = OpId.of(op);
        this.types = types;
    }

    /** @return MaxPool cases */
    public static PoolCases maxPool() {
        return new PoolCases("MaxPool", Set.of(DataType.FLOAT32, DataType.INT8, DataType.UINT8, DataType.INT16));
    }

    /** @return AveragePool cases */
    public static PoolCases averagePool() {
        return new PoolCases("AveragePool", Set.of(DataType.FLOAT32, DataType.INT8, DataType.UINT8, DataType.INT16));
    }

    /** @return LpPool cases */
    public static PoolCases lpPool() {
        return new PoolCases("LpPool", Set.of(DataType.FLOAT32));
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return types;
    }

    @Override
    public Set<Layout> layouts() {
        return Set.of(Layout.NCHW, Layout.NHWC);
    }

    private boolean isMax() {
        return op.toString().equals("MaxPool");
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        boolean quantized = claim.dataType() != DataType.FLOAT32;
        // dilations: float MaxPool only (the quantized pools are TFLite's, without dilation)
        int maxDilation = isMax() && !quantized ? 2 : 1;
        Gen<Window> window = Window.gen(2, 3, 3, 2, maxDilation, true);
        // mode knob: ceil_mode / count_include_pad / p-1 / indices; special value knob; storage order
        Gen<int[]> knobs = Knobs.of(0, 1, 0, 9, 0, 2, 0, 1);
        Gen<OpCase> generated = Gens.tuples(
                        window,
                        knobs,
                        Gens.tuples(
                                QuantGens.activation(
                                        claim.dataType() == DataType.FLOAT32 ? DataType.INT8 : claim.dataType()),
                                Gens.tuples(QuantGens.fusedActivation(), QuantGens.seeds())))
                .map(t -> build(
                        claim,
                        t.first(),
                        t.second(),
                        t.third().first(),
                        t.third().second().first(),
                        t.third().second().second()));
        Gen<OpCase> large = large(claim, Gens.ints(0, 2), Window.large(11));
        Gen<OpCase> withLarge = Gens.frequency(Gens.weighted(LARGE_ONE_IN - 1, generated), Gens.weighted(1, large));
        Optional<Gen<OpCase>> fixed = ModelLayers.poolCases(claim);
        Gen<OpCase> rest = fixed.map(f -> Gens.frequency(Gens.weighted(9, withLarge), Gens.weighted(1, f)))
                .orElse(withLarge);
        // the first cases of a run: each padding mode with odd totals (even indices), large windows with data near
        // the top, near the bottom and anywhere in the range (odd indices)
        List<Gen<OpCase>> first = new ArrayList<>();
        for (int i = 0; i < Window.ODD_PADDINGS; i++) {
            first.add(fixedKnobs(claim, Window.oddPadding(i), firstKnobs(i)));
            first.add(i < 3 ? large(claim, Gens.constant(i), Window.large(17)) : null);
        }
        // then ceil_mode where the last window starts inside the input and where it would start in the padding,
        // with the other per-operator attribute on and off (count_include_pad, indices and storage order, p)
        first.add(fixedKnobs(claim, ceilWindow(false), new int[] {1, 0, 1, 1}));
        first.add(fixedKnobs(claim, ceilWindow(true), new int[] {1, 0, 2, 0}));
        first.add(fixedKnobs(claim, ceilWindow(true), new int[] {0, 0, 0, 0}));
        if (quantized && !isMax()) {
            first.add(roundingTies(claim));
        }
        return Gens.firstCases(rest, first);
    }

    /**
     * Quantized AveragePool at its rounding edge: TFLite divides the window sum by the number of taps inside the
     * input and rounds half away from zero, so small values (-3 to 3; uint8: 0 to 6) over 2x2 windows, with pads
     * that leave 1, 2 and 4 taps at the borders, put many sums exactly on a tie of either sign.
     */
    private Gen<OpCase> roundingTies(KernelClaim claim) {
        DataType type = claim.dataType();
        Gen<Window> window = Gens.tuples(Gens.fixedShrinkingToward(2, 1), Gens.fixedShrinkingToward(3, 1))
                .map(t -> new Window(
                        t.first().intValue(),
                        t.second().intValue(),
                        5,
                        6,
                        2,
                        2,
                        1,
                        1,
                        1,
                        1,
                        new int[] {1, 0, 0, 1},
                        "NOTSET"));
        return Gens.tuples(window, Gens.tuples(QuantGens.activation(type), QuantGens.seeds()))
                .map(t -> {
                    OpCase c = build(
                            claim,
                            t.first(),
                            new int[4],
                            t.second().first(),
                            "None",
                            t.second().second());
                    long lo = type == DataType.UINT8 ? 0 : -3;
                    Tensor x =
                            QuantGens.fill(c.inputs().get(0).type(), t.second().second(), lo + 3, lo, lo + 6);
                    Set<String> labels = new java.util.HashSet<>(c.labels());
                    labels.add("requantization edge");
                    return new OpCase(c.node(), List.of(x), labels);
                });
    }

    /**
     * The knobs of the odd-padding case with this index: no special values, and the per-operator attribute
     * (count_include_pad, the indices output with either storage order, p) varied across the five cases.
     */
    static int[] firstKnobs(int index) {
        return new int[] {index == 2 ? 1 : 0, 0, index % 3, index % 2};
    }

    /** A case over a fixed window with fixed knobs (the quantization and the data still vary with the seed). */
    private Gen<OpCase> fixedKnobs(KernelClaim claim, Gen<Window> window, int[] knobs) {
        return Gens.tuples(
                        window,
                        Gens.tuples(
                                QuantGens.activation(
                                        claim.dataType() == DataType.FLOAT32 ? DataType.INT8 : claim.dataType()),
                                QuantGens.seeds()))
                .map(t -> build(
                        claim,
                        t.first(),
                        knobs,
                        t.second().first(),
                        "None",
                        t.second().second()));
    }

    /**
     * A 3x3 window with stride 2 whose span leaves a remainder, so ceil_mode adds an output row and column: on 6x8
     * without pads (the extra window starts inside the input) or, with {@code padded}, with pads [0, 0, 2, 2] at
     * the bottom and right (the extra window would start in the padding, so ONNX drops it).
     */
    static Gen<Window> ceilWindow(boolean padded) {
        return Gens.tuples(Gens.fixedShrinkingToward(2, 1), Gens.fixedShrinkingToward(3, 1))
                .map(t -> new Window(
                        t.first().intValue(),
                        t.second().intValue(),
                        6,
                        8,
                        3,
                        3,
                        2,
                        2,
                        1,
                        1,
                        padded ? new int[] {0, 0, 2, 2} : new int[4],
                        "NOTSET"));
    }

    /** One case in this many is a large window. */
    static final int LARGE_ONE_IN = 8;

    /**
     * Cases over large windows, without padding or activation; quantized data in a band of 16
     * values at the top of the type's range (band 0), at the bottom (band 1) or anywhere (band 2), the first two
     * as after a saturating layer, where a window sum is largest.
     */
    private Gen<OpCase> large(KernelClaim claim, Gen<Integer> bands, Gen<Window> windows) {
        DataType type = claim.dataType();
        return Gens.tuples(
                        windows,
                        bands,
                        Gens.tuples(
                                QuantGens.activation(type == DataType.FLOAT32 ? DataType.INT8 : type),
                                QuantGens.seeds()))
                .map(t -> {
                    OpCase c = build(
                            claim,
                            t.first(),
                            new int[] {0, 0, 0, 0},
                            t.third().first(),
                            "None",
                            t.third().second());
                    Set<String> labels = new java.util.HashSet<>(c.labels());
                    labels.add("large window");
                    int band = t.second();
                    Tensor x = c.inputs().get(0);
                    if (type != DataType.FLOAT32 && band < 2) {
                        long lo = band == 0 ? QuantGens.max(type) - 15 : QuantGens.min(type);
                        x = QuantGens.fill(x.type(), t.third().second(), lo, lo, lo + 15);
                        labels.add(band == 0 ? "values near the top" : "values near the bottom");
                    }
                    return new OpCase(c.node(), List.of(x), labels);
                });
    }

    private OpCase build(KernelClaim claim, Window w, int[] k, Quantization q, String activation, long seed) {
        DataType type = claim.dataType();
        Layout layout = claim.layout();
        Node.Builder b = Node.builder(op).name(op.toString().toLowerCase(java.util.Locale.ROOT));
        List<String> labels = new ArrayList<>(List.of(layout.name()));
        boolean ceil = k[0] == 1 && w.autoPad().equals("NOTSET");
        Tensor x;
        if (type == DataType.FLOAT32) {
            TensorType xt = TensorType.of(type, w.input(layout));
            x = QuantGens.fillFloats(xt, seed, 8f);
            if (QuantGens.putSpecial(x, k[1], seed >> 7)) {
                labels.add("special values");
            }
            b.input(xt);
            w.apply(b, layout, isMax());
            if (ceil) {
                b.attr("ceil_mode", 1L);
                labels.add("ceil_mode");
            }
            switch (op.toString()) {
                case "AveragePool" -> {
                    if (k[2] == 1) {
                        b.attr("count_include_pad", 1L);
                        labels.add("count_include_pad");
                    }
                }
                case "LpPool" -> b.attr("p", (long) (k[2] + 1));
                default -> {
                    if (k[2] >= 1) {
                        b.outputs(2);
                        labels.add("indices");
                        if (k[3] == 1 && layout == Layout.NCHW) {
                            b.attr("storage_order", 1L);
                            labels.add("storage_order 1");
                        }
                    }
                }
            }
        } else if (isMax() && type != DataType.INT16 && Math.floorMod(seed, 4) == 0) {
            // int8 / uint8 MaxPool without quantization: the plain (ONNX) kernel's part of the claim
            TensorType xt = TensorType.of(type, w.input(layout));
            x = QuantGens.fill(xt, seed, 0);
            b.input(xt);
            w.apply(b, layout, true);
            labels.add("plain integer");
        } else {
            TensorType xt = TensorType.quantized(type, w.input(layout), q);
            x = QuantGens.fill(xt, seed, q.zeroPoint());
            b.input(xt);
            Window plain = new Window(
                    w.batch(), w.channels(), w.h(), w.w(), w.kh(), w.kw(), w.sh(), w.sw(), 1, 1, w.pads(), w.autoPad());
            plain.apply(b, layout, false);
            QuantGens.applyActivation(b, activation);
            b.outputQuantization(0, q);
            if (!activation.equals("None")) {
                labels.add("fused " + activation);
            }
        }
        if (w.padded()) {
            labels.add("explicit pads");
        }
        if (!w.autoPad().equals("NOTSET")) {
            labels.add("auto_pad " + w.autoPad());
        }
        return new OpCase(b.build(), List.of(x), Set.copyOf(labels));
    }

    @Override
    public int reductionSize(OpCase c) {
        int[] k = c.node().attributes().getInts("kernel_shape");
        return k[0] * k[1];
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        Layout layout = claim.layout();
        TensorType x = type == DataType.FLOAT32
                ? TensorType.of(type, Shape.of(1, 2, 4, 4))
                : TensorType.quantized(type, Shape.of(1, 2, 4, 4), Quantization.perTensor(0.5f, 0));
        Gen<InvalidNode> noKernel = Gens.constant(0).map(z -> {
            Node.Builder b = Node.builder(op).name("pool").input(x);
            if (layout == Layout.NHWC) {
                b.attr("data_format", "NHWC");
            }
            return new InvalidNode(b.build(), "no kernel_shape");
        });
        Gen<InvalidNode> wrongKernelRank = Gens.ints(1, 3).map(k -> {
            Node.Builder b = Node.builder(op).name("pool").input(x).attr("kernel_shape", k, k, k);
            if (layout == Layout.NHWC) {
                b.attr("data_format", "NHWC");
            }
            return new InvalidNode(b.build(), "kernel_shape of rank 3 for a 2-D input");
        });
        // kernel size 0 only for float: the quantized reference pools accept it (a gap reported to op-reference)
        Gen<InvalidNode> badGeometry = Gens.elements(
                        type == DataType.FLOAT32 ? new Integer[] {0, 1, 2, 3} : new Integer[] {0, 2})
                .map(k -> {
                    Node.Builder b = Node.builder(op).name("pool").input(x);
                    String why = switch (k) {
                        case 0 -> {
                            b.attr("kernel_shape", 2, 2).attr("strides", 0, 1);
                            yield "stride 0";
                        }
                        case 1 -> {
                            b.attr("kernel_shape", 2, 0);
                            yield "kernel size 0";
                        }
                        case 3 -> {
                            b.attr("kernel_shape", 0, 2);
                            yield "kernel size 0 along the height";
                        }
                        default -> {
                            b.attr("kernel_shape", 2, 2).attr("pads", -1, 0, 0, 0);
                            yield "negative pad";
                        }
                    };
                    if (layout == Layout.NHWC) {
                        b.attr("data_format", "NHWC");
                    }
                    return new InvalidNode(b.build(), why);
                });
        Gen<InvalidNode> twoInputs = Gens.constant(0).map(z -> {
            Node.Builder b = Node.builder(op).name("pool").input(x).input(x).attr("kernel_shape", 2, 2);
            if (layout == Layout.NHWC) {
                b.attr("data_format", "NHWC");
            }
            return new InvalidNode(b.build(), "wrong arity: 2 inputs");
        });
        return Optional.of(Gens.oneOf(noKernel, wrongKernelRank, badGeometry, twoInputs));
    }
}
