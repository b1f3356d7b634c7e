package dev.vela.runtime.bench.accuracy;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.util.Map;

/**
 * Scores samples with a one-input classifier: each sample decoded into the input, run from the initial state (samples
 * are independent), the first output dequantized with its scale and zero point.
 */
public final class ModelScorer implements Scorer, AutoCloseable {
    private final Model model;
    private final InputDecoder decoder;
    private final ValueSpec input;
    private final ValueSpec output;
    private final Session session;

    /**
     * @param model a model with one input
     * @param pixels how image pixels are scaled
     * @throws LabelledSetException if the model has another number of inputs
     */
    public ModelScorer(Model model, InputDecoder.Pixels pixels) {
        if (model.inputs().size() != 1) {
            throw new LabelledSetException(model.source() + ": accuracy needs a model with one input, this one has "
                    + model.inputs().size());
        }
        this.model = model;
        this.input = model.inputs().get(0);
        this.output = model.outputs().get(0);
        this.decoder = new InputDecoder(input, pixels);
        this.session = model.newSession();
    }

    @Override
    public float[] scores(LabelledSample sample) throws IOException {
        Tensor in = decoder.decode(sample);
        Tensor out = session.reset().run(Map.of(input.name(), in)).get(output.name());
        Quantization q = out.type().quantization().or(output::quantization).orElse(null);
        float[] scores = new float[out.elementCount()];
        for (int i = 0; i < scores.length; i++) {
            double raw = out.getDouble(i);
            scores[i] = q == null || out.dataType().isFloatingPoint()
                    ? (float) raw
                    : (float) ((raw - q.zeroPoint()) * q.scale());
        }
        return scores;
    }

    /** @return the model */
    public Model model() {
        return model;
    }

    @Override
    public void close() {
        session.close();
    }
}
