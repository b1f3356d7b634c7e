package dev.vela.runtime.bench.accuracy;

import java.io.IOException;

/** Gives a sample's class scores (real values: a quantized output is dequantized), one per class. */
@FunctionalInterface
public interface Scorer {

    /**
     * @param sample a labelled sample
     * @return its scores
     * @throws IOException if the sample cannot be read
     */
    float[] scores(LabelledSample sample) throws IOException;
}
