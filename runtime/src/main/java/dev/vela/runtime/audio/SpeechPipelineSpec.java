package dev.vela.runtime.audio;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * How a keyword-spotting pipeline is put together, as a small properties file beside its models:
 *
 * <pre>
 * # micro_speech: 1 s of 16 kHz audio -> 49 x 40 int8 features -> one of four labels
 * sample_rate = 16000
 * window_ms = 30
 * stride_ms = 20
 * frames = 49
 * features.model = audio_preprocessor_int8.tflite
 * classifier.model = micro_speech_quantized.tflite
 * labels = silence, unknown, yes, no
 * </pre>
 *
 * Model paths are relative to the file. The feature model runs once per window in one session, so state it keeps
 * (a noise estimate) carries from window to window; every clip starts from a new session, i.e. from the initial
 * state. The stacked feature rows are the classifier's single input.
 *
 * @param sampleRate      samples per second the clips must have
 * @param windowMs        window length in ms
 * @param strideMs        time between window starts in ms
 * @param frames          windows per clip (rows of the feature matrix)
 * @param featureModel    the model that turns one window into one feature row
 * @param classifierModel the model that turns the feature matrix into scores
 * @param labels          one label per classifier score
 */
public record SpeechPipelineSpec(
        int sampleRate,
        int windowMs,
        int strideMs,
        int frames,
        Path featureModel,
        Path classifierModel,
        List<String> labels) {

    /** Checks the values. */
    public SpeechPipelineSpec {
        labels = List.copyOf(labels);
        if (sampleRate <= 0 || windowMs <= 0 || strideMs <= 0 || frames <= 0) {
            throw new IllegalArgumentException("sample_rate, window_ms, stride_ms and frames must be positive, got "
                    + sampleRate + ", " + windowMs + ", " + strideMs + ", " + frames);
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one label");
        }
    }

    /** @return the framer for this pipeline's windows */
    public Framer framer() {
        return Framer.ofMillis(sampleRate, windowMs, strideMs, frames);
    }

    /**
     * @param file the properties file
     * @return the pipeline it describes
     * @throws IOException if it cannot be read
     * @throws PipelineSpecException naming the file and the key that is missing or malformed
     */
    public static SpeechPipelineSpec load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Path dir = file.toAbsolutePath().getParent();
        Map<String, String> keys = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> keys.put(k, p.getProperty(k)));
        return of(file.toString(), keys, dir::resolve);
    }

    /**
     * @param source      the file name for messages
     * @param keys        the description's keys and values (a properties file's, or a pipeline package's manifest)
     * @param models      turns the values of {@code features.model} and {@code classifier.model} into paths (relative
     *                    to the properties file; a pipeline package's member names)
     * @return the pipeline they describe
     * @throws PipelineSpecException naming the source and the key that is missing or malformed
     */
    public static SpeechPipelineSpec of(String source, Map<String, String> keys, Function<String, Path> models) {
        try {
            return new SpeechPipelineSpec(
                    integer(keys, "sample_rate"),
                    integer(keys, "window_ms"),
                    integer(keys, "stride_ms"),
                    integer(keys, "frames"),
                    models.apply(text(keys, "features.model")),
                    models.apply(text(keys, "classifier.model")),
                    Arrays.stream(text(keys, "labels").split(","))
                            .map(String::trim)
                            .toList());
        } catch (IllegalArgumentException e) {
            PipelineSpecException failure = new PipelineSpecException(source + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    /**
     * @return the keys of this description with the given model names, as {@link #of} reads them (labels joined by
     *     ", ")
     * @param featureModel    the value of {@code features.model}
     * @param classifierModel the value of {@code classifier.model}
     */
    public Map<String, String> keys(String featureModel, String classifierModel) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("sample_rate", Integer.toString(sampleRate));
        keys.put("window_ms", Integer.toString(windowMs));
        keys.put("stride_ms", Integer.toString(strideMs));
        keys.put("frames", Integer.toString(frames));
        keys.put("features.model", featureModel);
        keys.put("classifier.model", classifierModel);
        keys.put("labels", String.join(", ", labels));
        return keys;
    }

    private static String text(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v.trim();
    }

    private static int integer(Map<String, String> p, String key) {
        String v = text(p, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' = '" + v + "' is not an integer");
        }
    }
}
