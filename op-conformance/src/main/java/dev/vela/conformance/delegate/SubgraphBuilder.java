package dev.vela.conformance.delegate;

import dev.vela.conformance.delegate.SubgraphSpec.Step;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Layout;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the subgraph and its inputs a {@link SubgraphSpec} describes. Each step's weights and quantization come from
 * a random stream seeded by the spec's seed and the step's position and kind, so a spec rebuilds the same subgraph
 * and removing a step leaves the parameters of the steps before it unchanged.
 */
final class SubgraphBuilder {

    /** The built subgraph and one set of inputs for it. */
    record Built(KitSubgraph subgraph, List<Tensor> inputs) {}

    private SubgraphBuilder() {}

    static Built build(SubgraphSpec spec) {
        SubgraphSpec.Kind kind = spec.kind();
        boolean nchw = kind.layout() == Layout.NCHW;
        Shape shape = spec.rows()
                ? Shape.of(spec.height() * spec.width(), spec.channels())
                : image(kind, spec.height(), spec.width(), spec.channels());
        int c = spec.channels();
        SplittableRandom root = new SplittableRandom(spec.seed());
        Map<String, TensorType> types = new HashMap<>();
        Map<String, Tensor> constants = new LinkedHashMap<>();
        List<ViewNode> nodes = new ArrayList<>();
        TensorType x = act(kind, shape, 0.01f + 0.09f * (float) root.nextDouble(), root.nextInt(-20, 21));
        TensorType y = act(kind, shape, 0.01f + 0.09f * (float) root.nextDouble(), root.nextInt(-20, 21));
        types.put("x", x);
        types.put("y", y);
        List<String> inputs = new ArrayList<>(List.of("x"));
        if (spec.usesSecondInput()) {
            inputs.add("y");
        }
        String current = "x";
        String previous = "x";
        for (int i = 0; i < spec.steps().size(); i++) {
            Step step = spec.steps().get(i);
            SplittableRandom r = new SplittableRandom(spec.seed() * 1_000_003L + 31L * i + step.ordinal());
            String out = "v" + i;
            // float activations have no scale: the int8 formulas still run on a nominal one, so the draws match
            float inScale =
                    types.get(current).quantization().map(q -> q.scale()).orElse(0.05f);
            switch (step) {
                case CONV3X3, CONV1X1 -> {
                    int k = step == Step.CONV3X3 ? 3 : 1;
                    float outScale = conv(
                            kind,
                            nodes,
                            constants,
                            r,
                            "n" + i + "_" + step.name().toLowerCase(),
                            current,
                            out,
                            c,
                            c,
                            k,
                            k == 3 ? 1 : 0,
                            inScale);
                    types.put(out, act(kind, shape, outScale, r.nextInt(-10, 11)));
                    setZeroPointAttribute(nodes, types.get(out));
                }
                case CONCAT_CONV -> {
                    // both branches draw the same output scale from the same input scale; one zero point for both
                    long zeroPoint = r.nextInt(-10, 11);
                    float branch = 0;
                    for (String side : List.of("_l", "_r")) {
                        branch = conv(
                                kind,
                                nodes,
                                constants,
                                r,
                                "n" + i + "_concat" + side,
                                current,
                                out + side,
                                c,
                                c,
                                1,
                                0,
                                inScale);
                        types.put(out + side, act(kind, shape, branch, zeroPoint));
                        setZeroPointAttribute(nodes, types.get(out + side));
                    }
                    String joined = out + "_joined";
                    nodes.add(new KitNode(
                            nodes.size(),
                            "n" + i + "_concat",
                            OpId.of("Concat"),
                            13,
                            Attributes.builder().put("axis", nchw ? 1L : -1L).build(),
                            List.of(out + "_l", out + "_r"),
                            List.of(joined)));
                    types.put(joined, act(kind, image(kind, spec.height(), spec.width(), 2 * c), branch, zeroPoint));
                    float outScale =
                            conv(kind, nodes, constants, r, "n" + i + "_fuse", joined, out, 2 * c, c, 1, 0, branch);
                    types.put(out, act(kind, shape, outScale, r.nextInt(-10, 11)));
                    setZeroPointAttribute(nodes, types.get(out));
                }
                case GEMM -> {
                    float outScale = gemm(kind, nodes, constants, r, "n" + i + "_gemm", current, out, c, inScale);
                    types.put(out, act(kind, shape, outScale, r.nextInt(-10, 11)));
                    setZeroPointAttribute(nodes, types.get(out));
                }
                case PAD_CONV -> {
                    String padded = out + "_padded";
                    Shape paddedShape = image(kind, spec.height() + 2, spec.width() + 2, c);
                    constants.put(
                            "pads" + i,
                            nchw
                                    ? Tensor.ofLongs(Shape.of(8), 0, 0, 1, 1, 0, 0, 1, 1)
                                    : Tensor.ofLongs(Shape.of(8), 0, 1, 1, 0, 0, 1, 1, 0));
                    nodes.add(new KitNode(
                            nodes.size(),
                            "n" + i + "_pad",
                            OpId.of("Pad"),
                            13,
                            Attributes.builder().put("mode", "constant").build(),
                            List.of(current, "pads" + i),
                            List.of(padded)));
                    types.put(padded, types.get(current).withShape(paddedShape));
                    float outScale =
                            conv(kind, nodes, constants, r, "n" + i + "_conv", padded, out, c, c, 3, 0, inScale);
                    types.put(out, act(kind, shape, outScale, r.nextInt(-10, 11)));
                    setZeroPointAttribute(nodes, types.get(out));
                }
                case BRANCH_ADD -> {
                    float left = conv(
                            kind,
                            nodes,
                            constants,
                            r,
                            "n" + i + "_branch1x1",
                            current,
                            out + "_l",
                            c,
                            c,
                            1,
                            0,
                            inScale);
                    types.put(out + "_l", act(kind, shape, left, r.nextInt(-10, 11)));
                    setZeroPointAttribute(nodes, types.get(out + "_l"));
                    float right = conv(
                            kind,
                            nodes,
                            constants,
                            r,
                            "n" + i + "_branch3x3",
                            current,
                            out + "_r",
                            c,
                            c,
                            3,
                            1,
                            inScale);
                    types.put(out + "_r", act(kind, shape, right, r.nextInt(-10, 11)));
                    setZeroPointAttribute(nodes, types.get(out + "_r"));
                    float scale = 1.5f * Math.max(left, right);
                    TensorType t = act(kind, shape, scale, r.nextInt(-10, 11));
                    nodes.add(add(nodes.size(), "n" + i + "_join", t, List.of(out + "_l", out + "_r"), out));
                    types.put(out, t);
                }
                case MAXPOOL3X3, AVGPOOL3X3 -> {
                    String op = step == Step.MAXPOOL3X3 ? "MaxPool" : "AveragePool";
                    nodes.add(new KitNode(
                            nodes.size(),
                            "n" + i + "_" + op.toLowerCase(java.util.Locale.ROOT),
                            OpId.of(op),
                            op.equals("MaxPool") ? 12 : 11,
                            layout(kind)
                                    .put("kernel_shape", 3, 3)
                                    .put("strides", 1, 1)
                                    .put("auto_pad", "SAME_UPPER")
                                    .build(),
                            List.of(current),
                            List.of(out)));
                    types.put(out, types.get(current));
                }
                case SOFTMAX -> {
                    nodes.add(new KitNode(
                            nodes.size(),
                            "n" + i + "_softmax",
                            OpId.of("Softmax"),
                            13,
                            Attributes.builder()
                                    .put("axis", nchw && !spec.rows() ? 1L : -1L)
                                    .build(),
                            List.of(current),
                            List.of(out)));
                    types.put(out, act(kind, shape, 1f / 256, -128));
                }
                case ADD_RESIDUAL, ADD_INPUT -> {
                    String other = step == Step.ADD_INPUT ? "y" : previous;
                    float scale = 1.5f
                            * Math.max(
                                    inScale,
                                    types.get(other)
                                            .quantization()
                                            .map(q -> q.scale())
                                            .orElse(inScale));
                    TensorType t = act(kind, shape, scale, r.nextInt(-10, 11));
                    nodes.add(add(nodes.size(), "n" + i + "_add", t, List.of(current, other), out));
                    types.put(out, t);
                }
                default -> throw new IllegalStateException(step.name());
            }
            previous = current;
            current = out;
        }
        KitSubgraph subgraph = new KitSubgraph("kit-subgraph", nodes, types, constants, inputs, List.of(current));
        List<Tensor> values = new ArrayList<>();
        for (String in : inputs) {
            Tensor t = Tensor.allocate(types.get(in));
            if (kind.type().isFloatingPoint()) {
                for (int i = 0; i < t.elementCount(); i++) {
                    t.setDouble(i, 4 * root.nextDouble() - 2);
                }
                values.add(t);
                continue;
            }
            byte[] bytes = new byte[t.type().byteSize()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) root.nextInt(256);
            }
            t.bytes().put(0, bytes);
            values.add(t);
        }
        return new Built(subgraph, values);
    }

    /** An activation's type: int8 with the drawn quantization, or float32 (the draws are made all the same). */
    private static TensorType act(SubgraphSpec.Kind kind, Shape shape, float scale, long zeroPoint) {
        return kind.type() == DataType.INT8
                ? TensorType.quantized(DataType.INT8, shape, Quantization.perTensor(scale, zeroPoint))
                : TensorType.of(kind.type(), shape);
    }

    /** @return an image's shape in the kind's layout */
    private static Shape image(SubgraphSpec.Kind kind, int h, int w, int c) {
        return kind.layout() == Layout.NCHW ? Shape.of(1, c, h, w) : Shape.of(1, h, w, c);
    }

    /** @return attributes naming the layout: NHWC explicitly, NCHW by its absence (as ONNX models) */
    private static Attributes.Builder layout(SubgraphSpec.Kind kind) {
        Attributes.Builder b = Attributes.builder();
        return kind.layout() == Layout.NHWC ? b.put("data_format", "NHWC") : b;
    }

    /** An Add; an int8 one carries its output quantization as attributes too. */
    private static KitNode add(int index, String name, TensorType out, List<String> inputs, String output) {
        Attributes.Builder a = Attributes.builder();
        out.quantization().ifPresent(q -> a.put("output_scale", q.scale()).put("output_zero_point", q.zeroPoint()));
        return new KitNode(index, name, OpId.of("Add"), 14, a.build(), inputs, List.of(output));
    }

    /**
     * Adds a Conv node (cin to cout channels) and its constants: int8 per-channel weights and int32 bias, or float
     * weights of about unit gain (uniform within sqrt(3 / fan-in)) and a small float bias. @return its output scale
     */
    private static float conv(
            SubgraphSpec.Kind kind,
            List<ViewNode> nodes,
            Map<String, Tensor> constants,
            SplittableRandom r,
            String name,
            String input,
            String output,
            int cin,
            int cout,
            int k,
            int pad,
            float inScale) {
        float[] scales = new float[cout];
        for (int m = 0; m < cout; m++) {
            scales[m] = 0.002f + 0.02f * (float) r.nextDouble();
        }
        byte[] w = new byte[cout * k * k * cin];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) r.nextInt(-127, 128);
        }
        int[] bias = new int[cout];
        for (int m = 0; m < cout; m++) {
            bias[m] = r.nextInt(-3000, 3001);
        }
        // about the spread of a sum of k*k*cin products of uniform bytes, so outputs use the int8 range
        float outScale = (float) (inScale * 0.012 * 40 * Math.sqrt(k * k * cin) / 64);
        Attributes.Builder attributes = layout(kind)
                .put("kernel_shape", k, k)
                .put("pads", pad, pad, pad, pad)
                .put("strides", 1, 1);
        Shape weights = kind.layout() == Layout.NCHW ? Shape.of(cout, cin, k, k) : Shape.of(cout, k, k, cin);
        if (kind.type() == DataType.INT8) {
            constants.put(
                    name + "_w",
                    Tensor.ofBytes(
                            TensorType.quantized(
                                    DataType.INT8, weights, Quantization.perAxis(0, scales, new long[cout])),
                            w));
            constants.put(name + "_b", Tensor.ofInts(Shape.of(cout), bias));
            attributes.put("output_scale", outScale);
        } else {
            constants.put(name + "_w", floats(weights, w, (float) Math.sqrt(3.0 / (k * k * cin)) / 127));
            constants.put(name + "_b", floats(Shape.of(cout), bias, 0.1f / 3000));
        }
        nodes.add(new KitNode(
                nodes.size(),
                name,
                OpId.of("Conv"),
                13,
                attributes.build(),
                List.of(input, name + "_w", name + "_b"),
                List.of(output)));
        return outScale;
    }

    /**
     * Adds a Gemm node (A [rows, C], B [C, C] with {@code transB=1}, int32 bias) and its constants; the weights are
     * per output channel or per tensor, by one draw. @return its output scale
     */
    private static float gemm(
            SubgraphSpec.Kind kind,
            List<ViewNode> nodes,
            Map<String, Tensor> constants,
            SplittableRandom r,
            String name,
            String input,
            String output,
            int c,
            float inScale) {
        boolean perChannel = r.nextBoolean();
        float[] scales = new float[perChannel ? c : 1];
        for (int m = 0; m < scales.length; m++) {
            scales[m] = 0.002f + 0.02f * (float) r.nextDouble();
        }
        byte[] w = new byte[c * c];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) r.nextInt(-127, 128);
        }
        int[] bias = new int[c];
        for (int m = 0; m < c; m++) {
            bias[m] = r.nextInt(-3000, 3001);
        }
        Quantization wq =
                perChannel ? Quantization.perAxis(0, scales, new long[c]) : Quantization.perTensor(scales[0], 0);
        // about the spread of a sum of c products of uniform bytes, as a 1x1 Conv's
        float outScale = (float) (inScale * 0.012 * 40 * Math.sqrt(c) / 64);
        Attributes.Builder attributes = Attributes.builder().put("transB", 1L);
        if (kind.type() == DataType.INT8) {
            constants.put(name + "_w", Tensor.ofBytes(TensorType.quantized(DataType.INT8, Shape.of(c, c), wq), w));
            constants.put(name + "_b", Tensor.ofInts(Shape.of(c), bias));
            attributes.put("output_scale", outScale);
        } else {
            constants.put(name + "_w", floats(Shape.of(c, c), w, (float) Math.sqrt(3.0 / c) / 127));
            constants.put(name + "_b", floats(Shape.of(c), bias, 0.1f / 3000));
        }
        nodes.add(new KitNode(
                nodes.size(),
                name,
                OpId.of("Gemm"),
                13,
                attributes.build(),
                List.of(input, name + "_w", name + "_b"),
                List.of(output)));
        return outScale;
    }

    /** Float constants from the int8 draws (the same draws as an int8 subgraph's), scaled. */
    private static Tensor floats(Shape shape, byte[] draws, float scale) {
        float[] v = new float[draws.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = draws[i] * scale;
        }
        return Tensor.ofFloats(shape, v);
    }

    private static Tensor floats(Shape shape, int[] draws, float scale) {
        float[] v = new float[draws.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = draws[i] * scale;
        }
        return Tensor.ofFloats(shape, v);
    }

    /** The Conv just added gets its output zero point from the declared type (one random draw, two places). */
    private static void setZeroPointAttribute(List<ViewNode> nodes, TensorType out) {
        if (out.quantization().isEmpty()) {
            return; // float: no output quantization
        }
        KitNode last = (KitNode) nodes.remove(nodes.size() - 1);
        Attributes a = Attributes.builder()
                .putAll(last.attributes())
                .put("output_zero_point", out.quantization().orElseThrow().zeroPoint())
                .build();
        nodes.add(new KitNode(
                last.index(), last.name(), last.op(), last.opsetVersion(), a, last.inputs(), last.outputs()));
    }
}
