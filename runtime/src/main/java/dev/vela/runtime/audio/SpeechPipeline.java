package dev.vela.runtime.audio;

import dev.vela.runtime.Model;
import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A keyword-spotting pipeline from a WAV file to a label: framing, the feature model window by window (state kept
 * within a clip, fresh for each clip), the classifier. See {@link SpeechPipelineSpec} for how it is described.
 */
public final class SpeechPipeline {
    private final SpeechPipelineSpec spec;
    private final FeatureExtractor features;
    private final KeywordClassifier classifier;

    /**
     * @param spec        the description
     * @param partitioner the providers the models run on (the feature model's custom operators need a plugin that
     *                    defines them)
     */
    public SpeechPipeline(SpeechPipelineSpec spec, Partitioner partitioner) {
        this(spec, Model.load(spec.featureModel(), partitioner), Model.load(spec.classifierModel(), partitioner));
    }

    /**
     * @param spec            the description (its model paths are not read)
     * @param featureModel    the loaded feature model
     * @param classifierModel the loaded classifier
     */
    public SpeechPipeline(SpeechPipelineSpec spec, Model featureModel, Model classifierModel) {
        this.spec = spec;
        this.features = new FeatureExtractor(featureModel, spec.framer());
        this.classifier = new KeywordClassifier(classifierModel, spec.labels());
    }

    /**
     * @param file        a pipeline package ({@code .vela}, see {@link SpeechPipelinePackage}) or a properties file
     *                    ({@link SpeechPipelineSpec}), told apart by content
     * @param partitioner the providers the models run on
     * @return the pipeline
     * @throws IOException if the file cannot be read
     * @throws dev.vela.runtime.pack.PackageFormatException if it is a malformed pipeline package
     * @throws dev.vela.runtime.error.UnsupportedOperatorException if its models need custom operators no admitted provider
     *     defines (for a package: with the same version and schema it was built for)
     */
    public static SpeechPipeline open(Path file, Partitioner partitioner) throws IOException {
        if (dev.vela.runtime.pack.PipelinePackage.isPipeline(file)) {
            return SpeechPipelinePackage.load(file, partitioner);
        }
        if (dev.vela.runtime.pack.VelaPackage.isPackage(file)) {
            throw new PipelineSpecException(file + ": a single-model .vela package, not a pipeline: pack the pipeline "
                    + "with 'vela pack-pipeline' or pass its properties file");
        }
        return new SpeechPipeline(SpeechPipelineSpec.load(file), partitioner);
    }

    /** @return the description */
    public SpeechPipelineSpec spec() {
        return spec;
    }

    /**
     * @param samples a clip at the pipeline's sample rate
     * @return the feature matrix, {@code [frames, features]}
     */
    public Tensor features(short[] samples) {
        return features.features(samples);
    }

    /**
     * @param wav a mono 16-bit WAV file at the pipeline's sample rate, long enough for all frames
     * @return its feature matrix, {@code [frames, features]}
     * @throws IOException if the file cannot be read
     * @throws WavFormatException if it is not such a file
     * @throws InvalidInputException if its sample rate differs or it is too short
     */
    public Tensor features(Path wav) throws IOException {
        PcmAudio audio = WavReader.read(wav);
        if (audio.sampleRate() != spec.sampleRate()) {
            throw new InvalidInputException(wav + ": sample rate " + audio.sampleRate() + " Hz, the pipeline needs "
                    + spec.sampleRate() + " Hz");
        }
        int needed =
                spec.framer().window() + (spec.frames() - 1) * spec.framer().stride();
        if (audio.samples().length < needed) {
            throw new InvalidInputException(wav + ": " + audio.samples().length + " samples give fewer than the "
                    + spec.frames() + " windows the classifier needs (" + needed + " samples)");
        }
        return features.features(audio.samples());
    }

    /**
     * @param features a feature matrix from {@link #features(Path)}
     * @return the label
     */
    public Classification classify(Tensor features) {
        return classifier.classify(features);
    }

    /**
     * @param wav a mono 16-bit WAV file at the pipeline's sample rate, long enough for all frames
     * @return the label
     * @throws IOException if the file cannot be read
     */
    public Classification classify(Path wav) throws IOException {
        return classify(features(wav));
    }
}
