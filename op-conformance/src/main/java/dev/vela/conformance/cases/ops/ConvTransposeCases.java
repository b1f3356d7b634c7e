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
 * Cases for 2-D ConvTranspose in NCHW (weights [C, M/group, kH, kW]) and NHWC (weights
 * [M, kH, kW, C/group]): float32 with strides, dilations, pads that crop, output_padding,
 * auto_pad, two groups, optional bias; quantized int8 and int16x8 (TFLite's TRANSPOSE_CONV: group
 * and dilation 1, per-channel symmetric weights, int32 / int64 bias, extreme zero points,
 * saturating output scales, fused Relu / Clip). Shrinks along batch, channels, size, kernel,
 * strides and pads.
 */
public final class ConvTransposeCases implements CaseGenerator {

    private static final OpId OP = OpId.of("ConvTranspose");
    private static final String[] AUTO_PADS = {"NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"};
    private static final List<Float> OUTPUT_FACTORS = List.of(1f, 0.05f, 8f);

    @Override
    public OpId op() {
        return OP;
    }

    @Override
    public Set<DataType> dataTypes() {
        return Set.of(DataType.FLOAT32, DataType.INT8, DataType.INT16);
    }

    @Override
    public Set<Layout> layouts() {
        return Set.of(Layout.NCHW, Layout.NHWC);
    }

    /**
     * Knobs: 0 N, 1 C, 2 H, 3 W, 4 kH, 5 kW, 6 sH, 7 sW, 8 dH, 9 dW, 10-13 pads, 14 output_padding,
     * 15 auto_pad, 16 groups (0 one, 1 two), 17 M per group, 18 bias.
     */
    @Override
    public Gen<OpCase> validCases(KernelClaim claim) {
        boolean quantized = claim.dataType() != DataType.FLOAT32;
        int maxDilation = quantized ? 1 : 2;
        Gen<int[]> knobs = Knobs.of(
                1,
                2,
                1,
                3,
                1,
                4,
                1,
                4,
                1,
                3,
                1,
                3,
                1,
                2,
                1,
                2,
                1,
                maxDilation,
                1,
                maxDilation,
                0,
                2,
                0,
                2,
                0,
                2,
                0,
                2,
                0,
                1,
                0,
                3,
                0,
                quantized ? 0 : 1,
                1,
                3,
                0,
                1);
        Gen<int[]> quantKnobs = Knobs.of(0, 1, 0, 2, 0, 2); // per-channel, output factor, activation
        return Gens.tuples(
                        knobs,
                        Gens.tuples(
                                QuantGens.activation(
                                        claim.dataType() == DataType.FLOAT32 ? DataType.INT8 : claim.dataType()),
                                QuantGens.activation(
                                        claim.dataType() == DataType.FLOAT32 ? DataType.INT8 : claim.dataType())),
                        Gens.tuples(quantKnobs, QuantGens.scale(), QuantGens.seeds()))
                .map(t -> build(
                        claim,
                        t.first(),
                        t.second().first(),
                        t.second().second(),
                        t.third().first(),
                        t.third().second(),
                        t.third().third()));
    }

    private static OpCase build(
            KernelClaim claim, int[] k, Quantization xq, Quantization yq, int[] qk, float ws, long seed) {
        Layout layout = claim.layout();
        DataType type = claim.dataType();
        int group = k[16] == 1 ? 2 : 1;
        int c = k[1] * group;
        int m = k[17] * group;
        int kh = k[4];
        int kw = k[5];
        int sh = k[6];
        int sw = k[7];
        int dh = k[8];
        int dw = k[9];
        String autoPad = AUTO_PADS[k[15]];
        int[] pads = new int[4];
        int[] outPad = new int[2];
        if (autoPad.equals("NOTSET")) {
            int fullH = sh * (k[2] - 1) + (kh - 1) * dh + 1;
            int fullW = sw * (k[3] - 1) + (kw - 1) * dw + 1;
            pads[0] = Math.min(k[10], (fullH - 1) / 2);
            pads[2] = Math.min(k[12], (fullH - 1) / 2);
            pads[1] = Math.min(k[11], (fullW - 1) / 2);
            pads[3] = Math.min(k[13], (fullW - 1) / 2);
            int limitH = Math.max(sh, dh) - 1;
            int limitW = Math.max(sw, dw) - 1;
            outPad[0] = Math.min(k[14], limitH);
            outPad[1] = Math.min(k[14], limitW);
        }
        Shape xs = Activations.shape(layout, k[0], c, k[2], k[3]);
        Shape wsh = layout == Layout.NHWC ? Shape.of(m, kh, kw, c / group) : Shape.of(c, m / group, kh, kw);
        Node.Builder b =
                Node.builder(OP).name("convT").attr("kernel_shape", kh, kw).attr("strides", sh, sw);
        if (!type.equals(DataType.FLOAT32)) {
            b.attr("dilations", 1, 1);
        } else {
            b.attr("dilations", dh, dw).attr("group", (long) group);
        }
        if (autoPad.equals("NOTSET")) {
            b.attr("pads", pads[0], pads[1], pads[2], pads[3]).attr("output_padding", outPad[0], outPad[1]);
        } else {
            b.attr("auto_pad", autoPad);
        }
        Activations.layout(b, layout);
        List<String> labels = new ArrayList<>(List.of(layout.name(), "auto_pad " + autoPad));
        if (group > 1) {
            labels.add("grouped");
        }
        if (outPad[0] + outPad[1] > 0) {
            labels.add("output_padding");
        }
        List<Tensor> inputs = new ArrayList<>();
        boolean bias = k[18] == 1;
        if (type == DataType.FLOAT32) {
            TensorType xt = TensorType.of(type, xs);
            TensorType wt = TensorType.of(type, wsh);
            Tensor weights = QuantGens.fillFloats(wt, seed + 1, 1f);
            b.input(xt).constantInput(weights);
            Tensor x = QuantGens.fillFloats(xt, seed, 4f);
            if (QuantGens.maybeSpecial(x, seed)) {
                labels.add("special values");
            }
            inputs.add(x);
            inputs.add(weights);
            if (bias) {
                Tensor bv = QuantGens.fillFloats(TensorType.of(type, Shape.of(m)), seed + 2, 1f);
                b.constantInput(bv);
                inputs.add(bv);
            }
            return new OpCase(b.build(), inputs, Set.copyOf(labels));
        }
        int terms = Math.max(1, c * kh * kw / (sh * sw));
        ConvQuantization q = ConvQuantization.of(
                        type, xq, yq, qk[0] == 1, ws, OUTPUT_FACTORS.get(qk[1]), m, terms, seed)
                .weightsOnAxis(layout == Layout.NHWC ? 0 : 1);
        TensorType xt = TensorType.quantized(type, xs, q.input());
        TensorType wt = TensorType.quantized(DataType.INT8, wsh, q.weights());
        Tensor weights = QuantGens.fill(wt, seed + 1, 0, -127, 127);
        b.input(xt).constantInput(weights);
        inputs.add(QuantGens.fill(xt, seed, q.input().zeroPoint()));
        inputs.add(weights);
        if (bias) {
            Quantization bq =
                    q.weights().isPerAxis() ? Quantization.perAxis(0, q.bias(m).scales(), new long[m]) : q.bias(m);
            TensorType bt =
                    TensorType.quantized(type == DataType.INT16 ? DataType.INT64 : DataType.INT32, Shape.of(m), bq);
            Tensor bv = QuantGens.fill(bt, seed + 2, 0, -100_000, 100_000);
            b.constantInput(bv);
            inputs.add(bv);
        }
        String activation = QuantGens.ACTIVATIONS.get(qk[2]);
        QuantGens.applyActivation(b, activation);
        b.outputQuantization(0, q.output());
        if (q.weights().isPerAxis()) {
            labels.add("per-channel");
        }
        return new OpCase(b.build(), inputs, Set.copyOf(labels));
    }

    @Override
    public int reductionSize(OpCase c) {
        Shape w = c.node().inputType(1).shape();
        return Math.max(1, w.elementCount() / Math.max(1, w.dim(0))) + 1;
    }

    @Override
    public Optional<Gen<InvalidNode>> invalidNodes(KernelClaim claim) {
        DataType type = claim.dataType();
        boolean quantized = type != DataType.FLOAT32;
        return Optional.of(Gens.ints(1, 3).map(c -> {
            Shape xs = Activations.shape(claim.layout(), 1, c, 3, 3);
            // weights for c + 1 input channels
            Shape ws = claim.layout() == Layout.NHWC ? Shape.of(2, 2, 2, c + 1) : Shape.of(c + 1, 2, 2, 2);
            TensorType xt = quantized
                    ? TensorType.quantized(type, xs, Quantization.perTensor(0.5f, 0))
                    : TensorType.of(type, xs);
            TensorType wt = quantized
                    ? TensorType.quantized(DataType.INT8, ws, Quantization.perTensor(0.5f, 0))
                    : TensorType.of(type, ws);
            Node.Builder b = Node.builder(OP).name("convT").input(xt).input(wt);
            if (quantized) {
                b.outputQuantization(0, Quantization.perTensor(1f, 0));
            }
            return new InvalidNode(
                    Activations.layout(b, claim.layout()).build(),
                    "weights for " + (c + 1) + " input channels, input has " + c);
        }));
    }
}
