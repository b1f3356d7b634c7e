package dev.vela.runtime.cli;

import dev.vela.runtime.audio.Classification;
import dev.vela.runtime.audio.SpeechPipeline;
import dev.vela.runtime.io.Npy;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.Tensor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vela audio speech --pipeline P.properties W.wav...}: a whole pipeline, one label per WAV file. */
@Command(
        name = "speech",
        mixinStandardHelpOptions = true,
        description =
                "Run a speech pipeline (a properties file, see SpeechPipelineSpec, or a .vela pipeline package: framing, feature model, classifier, labels) on "
                        + "WAV files and print one label per file.")
final class SpeechCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--pipeline",
            required = true,
            paramLabel = "FILE.properties|FILE.vela",
            description = "the pipeline description (its model paths are relative to it) or a pipeline package made "
                    + "by 'vela pack-pipeline'")
    private Path pipeline;

    @Option(
            names = "--features-dir",
            paramLabel = "DIR",
            description = "also write each clip's feature matrix to DIR/<wav name>.features.npy")
    private Path featuresDir;

    @Parameters(arity = "1..*", paramLabel = "WAV", description = "mono 16-bit WAV files")
    private List<Path> wavs;

    @Mixin
    private ProviderOptions providers;

    @Override
    public Integer call() throws Exception {
        PluginSet set = providers.load();
        ProviderOptions.warn(set, spec.commandLine().getErr());
        SpeechPipeline p = SpeechPipeline.open(pipeline, providers.partitioner(set));
        PrintWriter out = spec.commandLine().getOut();
        for (Path wav : wavs) {
            Tensor features = p.features(wav);
            Classification c = p.classify(features);
            out.println(wav.getFileName() + ": " + c);
            if (featuresDir != null) {
                Files.createDirectories(featuresDir);
                Npy.write(featuresDir.resolve(wav.getFileName() + ".features.npy"), features);
            }
        }
        out.flush();
        return 0;
    }
}
