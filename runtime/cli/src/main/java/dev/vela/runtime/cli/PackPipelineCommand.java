package dev.vela.runtime.cli;

import dev.vela.runtime.audio.SpeechPipelinePackage;
import dev.vela.runtime.audio.SpeechPipelineSpec;
import dev.vela.runtime.pack.PinnedDefinition;
import dev.vela.runtime.pack.PipelinePackage;
import dev.vela.runtime.plugin.PluginSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vela pack-pipeline --pipeline P.properties -o OUT.vela [PROVIDER OPTIONS]}: a speech pipeline's models and
 * description in one pipeline package, with the custom-operator definitions its models need pinned (the plugins
 * that define them must be loaded, as for running).
 */
@Command(
        name = "pack-pipeline",
        mixinStandardHelpOptions = true,
        description = "Pack a speech pipeline (its properties file: framing, feature model, classifier, labels) into "
                + "one .vela pipeline package that 'vela audio speech --pipeline' runs.")
final class PackPipelineCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--pipeline",
            required = true,
            paramLabel = "FILE.properties",
            description = "the pipeline description; its model paths (.tflite, .onnx or .vela) are relative to it")
    private Path pipeline;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT.vela",
            description = "the package to write")
    private Path output;

    @Mixin
    private ProviderOptions providers;

    @Override
    public Integer call() throws Exception {
        PluginSet set = providers.load();
        ProviderOptions.warn(set, spec.commandLine().getErr());
        long bytes = SpeechPipelinePackage.write(SpeechPipelineSpec.load(pipeline), providers.partitioner(set), output);
        PipelinePackage written = PipelinePackage.read(output);
        PrintWriter out = spec.commandLine().getOut();
        out.println("packed " + pipeline.getFileName() + " -> " + output + " (" + bytes + " bytes)");
        written.members()
                .forEach((name, member) ->
                        out.println("  model " + name + ": " + member.metadata().sourceName() + ", "
                                + member.graph().nodes().size() + " nodes"));
        for (PinnedDefinition pin : written.definitions()) {
            out.println("  needs " + pin.describe() + " (model " + pin.member() + ")");
        }
        out.flush();
        return 0;
    }
}
