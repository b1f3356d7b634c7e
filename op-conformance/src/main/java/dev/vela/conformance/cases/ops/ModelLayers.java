package dev.vela.conformance.cases.ops;

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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Fixed cases from the layers of real models: the Conv / depthwise / fully-connected / Add / pool /
 * Softmax layers of the MLPerf Tiny models and MobileNetV2 (int8 and float), as listed by the
 * runtime's {@code vela layers} command in the resource {@value #RESOURCE}. Each layer keeps its
 * shapes, attributes and quantization (per-axis scales are spread over their recorded range) and
 * gets random data of its declared types.
 *
 * <p>Regenerate with the runtime's CLI from the data folder's {@code tflite} directory:
 * {@code vela layers --model M ... --csv op-conformance/src/main/resources/dev/vela/conformance/cases/model-layers.csv}
 * over {@code mlcommons-tiny/}: {@code anomaly_detection__ad01_int8}, {@code anomaly_detection__ad01_fp32},
 * {@code image_classification__pretrainedResnet_quant}, {@code image_classification__pretrainedResnet},
 * {@code keyword_spotting__kws_ref_model}, {@code keyword_spotting__kws_ref_model_float32},
 * {@code visual_wake_words__vww_96_int8}, {@code visual_wake_words__vww_96_float},
 * {@code streaming_wakeword__str_ww_ref_model}, and {@code tflite-micro/mobilenet_v2_quantized_1x3x224x224}
 * (all {@code .tflite}). The importer dequantizes hybrid (int8-weight) float layers such as the
 * float32 KWS model's, and emits float fused activations as separate nodes, so float rows carry none;
 * rows still marked hybrid would be skipped.
 *
 * <p>Run time: by default only layers costing at most {@value #DEFAULT_COST} multiply-adds (or
 * input elements for element-wise and pool layers) take part; {@code -D}{@value #PROFILE}{@code =full}
 * takes every layer (MobileNetV2's 112x112 ones included), {@code =off} none.
 */
final class ModelLayers {

    /** The resource written by {@code vela layers}. */
    static final String RESOURCE = "/dev/vela/conformance/cases/model-layers.csv";

    /** The system property choosing the profile: default, full or off. */
    static final String PROFILE = "vela.conformance.modelLayers";

    /** The largest layer cost taken by default. */
    static final long DEFAULT_COST = 400_000;

    private static final List<Layer> LAYERS = load();

    private ModelLayers() {}

    /**
     * One tensor of a layer.
     *
     * @param type its type, quantized when the model quantizes it
     * @param constant whether the model holds it as a constant
     */
    record Spec(TensorType type, boolean constant) {}

    /**
     * One layer.
     *
     * @param model the model's name
     * @param node the node's name
     * @param op the operator
     * @param attributes the attributes column
     * @param inputs the inputs (null for omitted ones)
     * @param output the output
     */
    record Layer(String model, String node, OpId op, String attributes, List<Spec> inputs, Spec output) {

        /** @return the layout its attributes select */
        Layout layout() {
            return attributes.contains("data_format=s:NHWC") ? Layout.NHWC : Layout.NCHW;
        }

        /**
         * @return whether float activations meet integer weights (dynamic-range "hybrid" quantization,
         *         as in the float32 KWS model), which the reference does not implement
         */
        boolean hybrid() {
            return inputs.get(0).type().dataType().isFloatingPoint()
                    && inputs.stream()
                            .skip(1)
                            .anyMatch(s -> s != null && !s.type().dataType().isFloatingPoint());
        }

        /** @return multiply-adds for Conv and Gemm, input elements otherwise */
        long cost() {
            long in = inputs.get(0).type().elementCount();
            if ((op.toString().equals("Conv") || op.toString().equals("Gemm")) && inputs.size() > 1) {
                Shape w = inputs.get(1).type().shape();
                return (long) output.type().elementCount() * (w.elementCount() / Math.max(1, w.dim(0)));
            }
            return in;
        }
    }

    /** @return every layer in the resource */
    static List<Layer> all() {
        return LAYERS;
    }

    /**
     * @param claim a claim
     * @return the layers matching it (operator, input type, layout unless {@code ANY}) within the
     *         profile's cost, cheapest first
     */
    static List<Layer> matching(KernelClaim claim) {
        String profile = System.getProperty(PROFILE, "default").trim().toLowerCase(Locale.ROOT);
        if (profile.equals("off")) {
            return List.of();
        }
        long cap = profile.equals("full") ? Long.MAX_VALUE : DEFAULT_COST;
        return LAYERS.stream()
                .filter(l -> l.op().equals(claim.op()))
                .filter(l -> !l.hybrid())
                .filter(l -> l.inputs().get(0).type().dataType() == claim.dataType())
                .filter(l -> claim.layout() == Layout.ANY || l.layout() == claim.layout())
                .filter(l -> l.cost() <= cap)
                .sorted(Comparator.comparingLong(Layer::cost))
                .toList();
    }

    /**
     * @param claim a claim
     * @return cases from the matching layers (shrinking toward the cheapest), empty if none match
     */
    static Optional<Gen<OpCase>> cases(KernelClaim claim) {
        List<Layer> layers = matching(claim);
        if (layers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                Gens.tuples(Knobs.choice(layers), QuantGens.seeds()).map(t -> toCase(t.first(), t.second())));
    }

    /**
     * @param generated the generator's own cases
     * @param claim the claim
     * @return one case in ten from a matching model layer, if any
     */
    static Gen<OpCase> mixedInto(Gen<OpCase> generated, KernelClaim claim) {
        return cases(claim)
                .map(f -> Gens.frequency(Gens.weighted(9, generated), Gens.weighted(1, f)))
                .orElse(generated);
    }

    static Optional<Gen<OpCase>> convCases(KernelClaim claim) {
        return cases(claim);
    }

    static Optional<Gen<OpCase>> poolCases(KernelClaim claim) {
        return cases(claim);
    }

    /** Builds the layer's node with random data of its declared types. */
    static OpCase toCase(Layer l, long seed) {
        Node.Builder b = Node.builder(l.op()).name(l.model() + "/" + l.node());
        b.attributes().putAll(LayerText.attributes(l.attributes()));
        List<Tensor> inputs = new ArrayList<>();
        List<Spec> specs = withExactBiasScales(l.inputs());
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            if (s == null) {
                b.absentInput();
                inputs.add(null);
                continue;
            }
            Tensor t = data(s, i, seed + i);
            if (s.constant()) {
                b.constantInput(t);
            } else {
                b.input(s.type());
            }
            inputs.add(t);
        }
        TensorType out = l.output().type();
        if (out.quantization().isPresent()) {
            b.outputQuantization(0, out.quantization().get()).outputDataType(0, out.dataType());
        }
        return new OpCase(b.build(), inputs, Set.of("model layer", l.model()));
    }

    /**
     * The CSV summarises per-axis scales by their range, so the rebuilt weight and bias scales are
     * each spread independently; TFLite requires bias scale = input scale * weight scale per channel,
     * so the bias parameters are recomputed from the rebuilt ones.
     */
    private static List<Spec> withExactBiasScales(List<Spec> specs) {
        if (specs.size() < 3
                || specs.get(2) == null
                || specs.get(2).type().quantization().isEmpty()
                || specs.get(0).type().quantization().isEmpty()
                || specs.get(1).type().quantization().isEmpty()) {
            return specs;
        }
        float xs = specs.get(0).type().quantization().get().scale();
        Quantization wq = specs.get(1).type().quantization().get();
        TensorType bt = specs.get(2).type();
        Quantization bq;
        if (wq.isPerAxis()) {
            float[] s = new float[wq.count()];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) ((double) xs * wq.scale(i));
            }
            bq = Quantization.perAxis(0, s, new long[s.length]);
        } else {
            bq = Quantization.perTensor((float) ((double) xs * wq.scale()), 0);
        }
        if (bq.isPerAxis() && bt.shape().rank() != 1) {
            return specs;
        }
        List<Spec> out = new ArrayList<>(specs);
        out.set(
                2,
                new Spec(
                        TensorType.quantized(bt.dataType(), bt.shape(), bq),
                        specs.get(2).constant()));
        return out;
    }

    private static Tensor data(Spec s, int index, long seed) {
        TensorType t = s.type();
        if (t.dataType().isFloatingPoint()) {
            return QuantGens.fillFloats(t, seed, index == 0 ? 4f : 1f);
        }
        if (t.dataType() == DataType.INT32 || t.dataType() == DataType.INT64) {
            return QuantGens.fill(t, seed, 0, -30_000, 30_000); // bias: the size real biases have
        }
        long zp = t.quantization().map(q -> q.zeroPoint(0)).orElse(0L);
        if (s.constant() && t.dataType() == DataType.INT8 && zp == 0) {
            return QuantGens.fill(t, seed, 0, -127, 127); // symmetric weights
        }
        return QuantGens.fill(t, seed, zp);
    }

    private static List<Layer> load() {
        try (InputStream in = ModelLayers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Layer> layers = new ArrayList<>();
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    layers.add(parse(line));
                }
            }
            return List.copyOf(layers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses one row; see the runtime's {@code LayersCommand} for the format. */
    static Layer parse(String line) {
        String[] c = line.split(",", -1);
        if (c.length != 6) {
            throw new IllegalStateException(RESOURCE + ": expected 6 columns in: " + line);
        }
        List<Spec> inputs = new ArrayList<>();
        for (String s : c[4].split("\\|")) {
            inputs.add(s.equals("-") ? null : spec(s));
        }
        return new Layer(c[0], c[1], OpId.of(c[2]), c[3], inputs, spec(c[5]));
    }

    /** One type column; see {@link LayerText#type}. */
    static Spec spec(String s) {
        LayerText.TypeText t = LayerText.type(s);
        return new Spec(t.type(), t.constant());
    }
}
