package dev.vela.runtime.audio;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Map;

/**
 * Runs a classifier on a feature matrix and names the best score. The features are handed over as the classifier's
 * one input, reshaped to its declared shape (micro_speech's 49 x 40 rows become its {@code [1, 1960]} input);
 * quantized scores are dequantized with the output's scale and zero point before the arg-max, as TFLite Micro's
 * example does.
 */
public final class KeywordClassifier {
    private final Model model;
    private final List<String> labels;
    private final ValueSpec input;
    private final ValueSpec output;

    /**
     * @param model  one input, one output with one score per label
     * @param labels the labels, in score order
     */
    public KeywordClassifier(Model model, List<String> labels) {
        this.model = model;
        this.labels = List.copyOf(labels);
        if (model.inputs().size() != 1 || model.outputs().size() != 1) {
            throw new IllegalArgumentException(
                    model.source() + ": a classifier has one input and one output, this " + "one has "
                            + model.inputs().size() + " and " + model.outputs().size());
        }
        input = model.inputs().get(0);
        output = model.outputs().get(0);
    }

    /**
     * @param features the feature matrix, in the input's element type, with as many elements as the input
     * @return the label with the highest score
     * @throws IllegalArgumentException if the element type or count does not fit the input, or the model gives
     *     another number of scores than there are labels
     */
    public Classification classify(Tensor features) {
        int[] dims = new int[input.rank()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) input.dim(i);
            elements *= input.dim(i);
        }
        if (features.dataType() != input.dataType() || features.elementCount() != elements) {
            throw new IllegalArgumentException(model.source() + ": features " + features.type() + " do not fit input "
                    + input + " (same element type and count needed)");
        }
        Tensor in = features.reinterpret(TensorType.of(features.dataType(), Shape.of(dims)));
        Tensor scoresTensor;
        try (Session session = model.newSession()) {
            scoresTensor = session.run(Map.of(input.name(), in)).get(output.name());
        }
        if (scoresTensor.elementCount() != labels.size()) {
            throw new IllegalArgumentException(model.source() + ": output " + output + " has "
                    + scoresTensor.elementCount() + " scores for " + labels.size() + " labels");
        }
        float[] scores = new float[labels.size()];
        Quantization q =
                scoresTensor.type().quantization().or(output::quantization).orElse(null);
        int best = 0;
        for (int i = 0; i < scores.length; i++) {
            double raw = scoresTensor.getDouble(i);
            scores[i] = q == null ? (float) raw : (float) ((raw - q.zeroPoint()) * q.scale());
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return new Classification(labels.get(best), best, labels, scores);
    }
}
