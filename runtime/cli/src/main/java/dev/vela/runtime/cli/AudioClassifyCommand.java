package dev.vela.runtime.cli;

import dev.vela.runtime.Model;
import dev.vela.runtime.audio.Classification;
import dev.vela.runtime.audio.KeywordClassifier;
import dev.vela.runtime.io.Npy;
import dev.vela.runtime.plugin.PluginSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vela audio classify --model M --features F.npy --labels a,b,c}: the classifier half of a pipeline, on a
 * feature matrix such as {@code vela run --sequence} writes (reshaped to the classifier's input, which must have as
 * many elements).
 */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = "Run a classifier on a feature matrix (.npy, e.g. the stacked output of 'vela run --sequence'),"
                + " reshaped to its input, and print the label of the highest dequantized score.")
final class AudioClassifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "the classifier")
    private Path model;

    @Option(names = "--features", required = true, paramLabel = "FILE.npy", description = "the feature matrix")
    private Path features;

    @Option(
            names = "--labels",
            required = true,
            split = ",",
            paramLabel = "LABEL",
            description = "one label per score, comma-separated")
    private List<String> labels;

    @Mixin
    private ProviderOptions providers;

    @Override
    public Integer call() throws Exception {
        PluginSet set = providers.load();
        ProviderOptions.warn(set, spec.commandLine().getErr());
        Model m = providers.loadModel(model, set);
        Classification c = new KeywordClassifier(m, labels).classify(Npy.read(features));
        PrintWriter out = spec.commandLine().getOut();
        out.println(features + ": " + c);
        out.flush();
        return 0;
    }
}
