package dev.vela.runtime.bench.accuracy;

import dev.vela.runtime.audio.SpeechPipeline;
import java.io.IOException;
import java.util.Locale;

/** Scores {@code .wav} samples with a whole speech pipeline: framing, feature model, classifier. */
public final class PipelineScorer implements Scorer {
    private final SpeechPipeline pipeline;

    /** @param pipeline the pipeline */
    public PipelineScorer(SpeechPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public float[] scores(LabelledSample sample) throws IOException {
        if (sample.file() == null
                || !sample.file()
                        .getFileName()
                        .toString()
                        .toLowerCase(Locale.ROOT)
                        .endsWith(".wav")) {
            throw new LabelledSetException(sample.name() + ": a speech pipeline takes .wav samples");
        }
        return pipeline.classify(sample.file()).scores();
    }
}
