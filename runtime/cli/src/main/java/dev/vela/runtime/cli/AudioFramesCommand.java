package dev.vela.runtime.cli;

import dev.vela.runtime.audio.Framer;
import dev.vela.runtime.audio.PcmAudio;
import dev.vela.runtime.audio.WavReader;
import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vela audio frames --wav W --out F.npy}: the windows of a WAV file as one int16 .npy of shape
 * {@code [frames, 1, window]}: a leading step axis over the feature model's {@code [1, window]} input, the layout
 * {@code vela run --sequence} takes.
 */
@Command(
        name = "frames",
        mixinStandardHelpOptions = true,
        description = "Cut a mono 16-bit WAV file into windows and write them as int16 [frames, 1, window] .npy "
                + "(the step axis first, as 'vela run --sequence' reads it).")
final class AudioFramesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--wav", required = true, paramLabel = "FILE", description = "mono 16-bit PCM WAV file")
    private Path wav;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "where the windows go")
    private Path out;

    @Option(names = "--window-ms", defaultValue = "30", paramLabel = "MS", description = "window length (default 30)")
    private int windowMs;

    @Option(
            names = "--stride-ms",
            defaultValue = "20",
            paramLabel = "MS",
            description = "time between window starts (default 20)")
    private int strideMs;

    @Option(names = "--frames", defaultValue = "49", paramLabel = "N", description = "at most N windows (default 49)")
    private int frames;

    @Override
    public Integer call() throws Exception {
        PcmAudio audio = WavReader.read(wav);
        Framer framer = Framer.ofMillis(audio.sampleRate(), windowMs, strideMs, frames);
        short[][] windows = framer.frames(audio.samples());
        if (windows.length == 0) {
            throw new InvalidInputException(wav + ": " + audio.samples().length + " samples are fewer than one "
                    + framer.window() + "-sample window");
        }
        Tensor t = Tensor.allocate(TensorType.of(DataType.INT16, windows.length, 1, framer.window()));
        for (int f = 0; f < windows.length; f++) {
            t.shorts().position(f * framer.window()).put(windows[f]);
        }
        Npy.write(out, t);
        PrintWriter w = spec.commandLine().getOut();
        w.println(wav + ": " + audio.sampleRate() + " Hz, " + audio.samples().length + " samples -> " + windows.length
                + " windows of " + framer.window() + " every " + framer.stride() + " -> " + out);
        w.flush();
        return 0;
    }
}
