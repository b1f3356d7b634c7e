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
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases for ONNX's QLinearConv and ConvInteger (int8, uint8): the Conv geometry of
 * {@link ConvCases} (strides, dilations, pads or auto_pad, depthwise and grouped), NCHW or NHWC
 * through {@code data_format}, zero points at the extremes, per-channel weight scales and zero
 * points, saturating output scales, optional int32 bias (QLinearConv).
 */
public final class OnnxIntegerConvCases implements CaseGenerator {

    private final OpId op;
    private final boolean qlinear;

    /** @param op "QLinearConv" or "ConvInteger" */
    public OnnxIntegerConvCases(String op) {
        this.op = OpId.of(op);
        this.qlinear = op.equals("QLinearConv");
    }

    @Override
    public OpId op() {
        return op;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.INT8, DataType.UINT8);
    }

    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        Gen<ConvCases.Grouping> grouping =
                Knobs.of(0, 2, 1, 3, 0, 1).map(k -> new ConvCases.Grouping(k[0], k[1], k[2] == 1));
        // layout, per-channel, output factor, zero point present
        Gen<int[]> knobs = Knobs.of(0, 1, 0, 1, 0, 2, 0, 1);
        return Gens.tuples(Window.gen(2, 3, 3, 2, 2, true), grouping, Gens.tuples(knobs, QuantGens.seeds()))
                .map(t -> build(
                        claim.dataType(),
                        t.first(),
                        t.second(),
                        t.third().first(),
                        t.third().second()));
    }

    private OpCase build(DataType type, Window win, ConvCases.Grouping g, int[] k, long seed) {
        Layout layout = k[0] == 1 ? Layout.NHWC : Layout.NCHW;
        Window w = win.withChannels(g.inChannels(win.channels()));
        int group = g.group(w.channels());
        int m = group * g.outPerGroup();
        boolean perChannel = k[1] == 1;
        TensorType xt = TensorType.of(type, w.input(layout));
        TensorType wt = TensorType.of(type, ConvCases.weightShape(layout, w, m, group));
        long[] xz = OnnxQuantParams.zeroPoints(type, 1, seed);
        long[] wz = OnnxQuantParams.zeroPoints(type, perChannel ? m : 1, seed >> 5);
        Tensor x = QuantGens.fill(xt, seed, xz[0]);
        Tensor weights = QuantGens.fill(wt, seed + 1, wz[0]);
        Node.Builder b = Node.builder(op).name(op.toString().toLowerCase(java.util.Locale.ROOT));
        List<Tensor> inputs = new ArrayList<>();
        List<String> labels = new ArrayList<>(
                List.of(layout.name(), g.mode() == 1 ? "depthwise" : g.mode() == 2 ? "grouped" : "plain"));
        if (perChannel) {
            labels.add("per-channel");
        }
        b.input(xt);
        inputs.add(x);
        if (qlinear) {
            float xs = 0.05f;
            float[] ws = OnnxQuantParams.spread(0.02f, perChannel ? m : 1, seed >> 3);
            int terms = (w.channels() / group) * w.taps();
            float ys = (float) (xs * 0.02f * 64 * Math.sqrt(terms) * new float[] {4f, 0.2f, 30f}[k[2]]);
            long[] yz = OnnxQuantParams.zeroPoints(type, 1, seed >> 17);
            OnnxQuantParams.constant(b, inputs, OnnxQuantParams.scales(DataType.FLOAT32, new float[] {xs}, false));
            OnnxQuantParams.constant(b, inputs, OnnxQuantParams.zeroPoints(type, xz, false));
            OnnxQuantParams.constant(b, inputs, weights);
            OnnxQuantParams.constant(b, inputs, OnnxQuantParams.scales(DataType.FLOAT32, ws, perChannel));
            OnnxQuantParams.constant(b, inputs, OnnxQuantParams.zeroPoints(type, wz, perChannel));
            OnnxQuantParams.constant(b, inputs, OnnxQuantParams.scales(DataType.FLOAT32, new float[] {ys}, false));
            OnnxQuantParams.constant(b, inputs, OnnxQuantParams.zeroPoints(type, yz, false));
            if (g.bias()) {
                OnnxQuantParams.constant(
                        b,
                        inputs,
                        QuantGens.fill(TensorType.of(DataType.INT32, Shape.of(m)), seed + 2, 0, -20_000, 20_000));
                labels.add("bias");
            }
        } else {
            OnnxQuantParams.constant(b, inputs, weights);
            if (k[3] == 1 || perChannel) {
                OnnxQuantParams.constant(b, inputs, OnnxQuantParams.zeroPoints(type, xz, false));
                OnnxQuantParams.constant(b, inputs, OnnxQuantParams.zeroPoints(type, wz, perChannel));
                labels.add("zero points");
            }
        }
        w.apply(b, layout, true);
        b.attr("group", (long) group);
        return new OpCase(b.build(), inputs, Set.copyOf(labels));
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        return Optional.of(Gens.ints(1, 3).map(c -> {
            Node.Builder b = Node.builder(op).name("bad").input(TensorType.of(type, Shape.of(1, c, 3, 3)));
            if (qlinear) {
                b.input(TensorType.of(DataType.FLOAT32, Shape.of())).input(TensorType.of(type, Shape.of()));
            }
            return new InvalidNode(b.build(), "missing weights");
        }));
    }
}
