package dev.vela.runtime.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vela audio frames|classify|speech}: the keyword-spotting pipeline from a WAV file to a label. */
@Command(
        name = "audio",
        mixinStandardHelpOptions = true,
        description = "Speech pipelines: cut WAV files into model inputs, classify feature matrices, or run a whole "
                + "pipeline (frames -> feature model window by window -> classifier -> label).",
        subcommands = {AudioFramesCommand.class, AudioClassifyCommand.class, SpeechCommand.class})
final class AudioCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: frames, classify or speech");
    }
}
