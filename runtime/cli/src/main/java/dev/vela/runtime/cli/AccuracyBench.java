package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.audio.SpeechPipeline;
import dev.vela.runtime.bench.ReportJsonWriter;
import dev.vela.runtime.bench.accuracy.AccuracyResult;
import dev.vela.runtime.bench.accuracy.AccuracyRun;
import dev.vela.runtime.bench.accuracy.InputDecoder;
import dev.vela.runtime.bench.accuracy.LabelledSet;
import dev.vela.runtime.bench.accuracy.ModelScorer;
import dev.vela.runtime.bench.accuracy.PipelineScorer;
import dev.vela.runtime.bench.accuracy.Scorer;
import dev.vela.runtime.pack.PipelinePackage;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code vela bench --accuracy SET}: top-1/top-5 of a classifier (a model, or a speech pipeline on {@code .wav}
 * samples) over a labelled set ({@link LabelledSet}), the mean time per sample, and with {@code --agree-with} the
 * agreement with a second run: another model (float vs int8) or {@code reference} (the same model on the reference
 * kernels only, i.e. plugins vs reference).
 */
final class AccuracyBench {
    private final Path model;
    private final Path setPath;
    private final List<String> classes;
    private final String agreeWith;
    private final InputDecoder.Pixels pixels;

    AccuracyBench(Path model, Path setPath, List<String> classes, String agreeWith, InputDecoder.Pixels pixels) {
        this.model = model;
        this.setPath = setPath;
        this.classes = classes;
        this.agreeWith = agreeWith;
        this.pixels = pixels;
    }

    /** Whether the model argument is a speech pipeline (a pipeline package or its properties file). */
    private static boolean isPipeline(Path file) {
        return PipelinePackage.isPipeline(file) || file.getFileName().toString().endsWith(".properties");
    }

    AccuracyResult run(Partitioner providers, java.util.function.Function<Path, Model> load, PrintWriter err)
            throws IOException {
        Scorer primary;
        Scorer second = null;
        String secondName = null;
        List<String> names = classes;
        ModelScorer toClose = null;
        ModelScorer secondToClose = null;
        try {
            if (isPipeline(model)) {
                SpeechPipeline p = SpeechPipeline.open(model, providers);
                names = classes.isEmpty() ? p.spec().labels() : classes;
                primary = new PipelineScorer(p);
                if (agreeWith != null) {
                    Partitioner other =
                            agreeWith.equals("reference") ? Partitioner.of(KernelRegistry.reference()) : providers;
                    second = new PipelineScorer(
                            SpeechPipeline.open(agreeWith.equals("reference") ? model : Path.of(agreeWith), other));
                    secondName =
                            agreeWith.equals("reference") ? "the same pipeline on the reference kernels" : agreeWith;
                }
            } else {
                toClose = new ModelScorer(load.apply(model), pixels);
                primary = toClose;
                if (agreeWith != null) {
                    Model other = agreeWith.equals("reference")
                            ? Model.load(model, Partitioner.of(KernelRegistry.reference()))
                            : Model.load(Path.of(agreeWith), providers);
                    secondToClose = new ModelScorer(other, pixels);
                    second = secondToClose;
                    secondName = agreeWith.equals("reference") ? "the same model on the reference kernels" : agreeWith;
                }
            }
            LabelledSet set = LabelledSet.read(setPath, names);
            int total = set.samples().size();
            return AccuracyRun.run(set, primary, second, secondName, done -> {
                if (done == total) {
                    err.println("accuracy: " + total + " samples done");
                    err.flush();
                }
            });
        } finally {
            if (toClose != null) {
                toClose.close();
            }
            if (secondToClose != null) {
                secondToClose.close();
            }
        }
    }

    void print(AccuracyResult r, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "accuracy of %s on %s: %d samples, %d classes%n",
                model.getFileName(),
                r.set(),
                r.samples(),
                r.classes());
        out.printf(
                Locale.ROOT,
                "  top-1 %.2f%% (%d/%d)   top-5 %s   mean %.3f ms per sample%n",
                100 * r.top1(),
                Math.round(r.top1() * r.samples()),
                r.samples(),
                Double.isNaN(r.top5())
                        ? "n/a (5 classes or fewer)"
                        : String.format(Locale.ROOT, "%.2f%%", 100 * r.top5()),
                r.meanMillis());
        if (!r.misses().isEmpty()) {
            out.println("  top-1 misses (label -> predicted): " + String.join(", ", r.misses()));
        }
        AccuracyResult.Agreement a = r.agreement();
        if (a != null) {
            out.printf(
                    Locale.ROOT,
                    "  agreement with %s: same top-1 on %.2f%% of samples; its top-1 %.2f%%; mean "
                            + "cosine %.6f; max |score difference| %.6g%n",
                    a.against(),
                    100 * a.top1Agreement(),
                    100 * a.top1(),
                    a.meanCosine(),
                    a.maxAbsDiff());
        }
        out.flush();
    }

    void writeJson(AccuracyResult r, Path file) throws IOException {
        String text = ReportJsonWriter.spaced(j -> {
            j.beginObject()
                    .name("model")
                    .value(model.getFileName().toString())
                    .name("set")
                    .value(r.set())
                    .name("samples")
                    .value(r.samples())
                    .name("classes")
                    .value(r.classes())
                    .name("top1")
                    .value(r.top1())
                    .name("top5")
                    .value(r.top5())
                    .name("meanMillisPerSample")
                    .value(r.meanMillis())
                    .name("misses")
                    .beginArray();
            for (String miss : r.misses()) {
                j.value(miss);
            }
            j.endArray();
            AccuracyResult.Agreement a = r.agreement();
            if (a != null) {
                j.name("agreement")
                        .beginObject()
                        .name("with")
                        .value(a.against())
                        .name("top1")
                        .value(a.top1())
                        .name("top1Agreement")
                        .value(a.top1Agreement())
                        .name("meanCosine")
                        .value(a.meanCosine())
                        .name("maxAbsDiff")
                        .value(a.maxAbsDiff())
                        .endObject();
            }
            j.endObject();
        });
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }
}
