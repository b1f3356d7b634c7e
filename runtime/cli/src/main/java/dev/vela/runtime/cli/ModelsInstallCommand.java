package dev.vela.runtime.cli;

import dev.vela.runtime.store.InstallRequest;
import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelMetadata;
import dev.vela.runtime.store.ModelVersion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela models install}: installs a local model file as a new version, atomically. */
// no mixinStandardHelpOptions: its --version would clash with the model version option
@Command(
        name = "install",
        description = "Install a local model file (.onnx, .tflite, .vela) as a version of a model, atomically.")
final class ModelsInstallCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    private boolean help;

    @Mixin
    private ModelStoreOptions store;

    @Option(names = "--name", required = true, description = "the model's name")
    private String name;

    @Option(names = "--version", required = true, description = "the version to install it as")
    private String version;

    @Option(names = "--file", required = true, paramLabel = "MODEL", description = "the model file")
    private Path file;

    @Option(names = "--self-test", paramLabel = "JSON", description = "test vectors run before any app switches to it")
    private Path selfTest;

    @Option(names = "--signature", paramLabel = "SIG.json", description = "its signature ('vela models sign')")
    private Path signature;

    @Option(names = "--requires-plugin", paramLabel = "ID", description = "a provider that must be admitted to run it")
    private List<String> plugins = new ArrayList<>();

    @Option(names = "--factory", description = "make it the factory version that reset returns to")
    private boolean factory;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelManager m = store.open(spec.commandLine().getErr())) {
            InstallRequest r = new InstallRequest(
                    name,
                    ModelVersion.of(version),
                    file,
                    file.getFileName().toString(),
                    Optional.ofNullable(selfTest),
                    Optional.ofNullable(signature),
                    plugins,
                    factory);
            ModelMetadata meta = m.install(r);
            out.println("installed " + meta.id() + " (" + meta.format() + ", " + meta.size() + " bytes, sha256 "
                    + meta.sha256() + ", operators " + meta.operators() + ")");
        }
        out.flush();
        return 0;
    }
}
