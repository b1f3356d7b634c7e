package dev.vela.runtime.cli;

import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelVersion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela models remove}: removes a version no app runs. */
// no mixinStandardHelpOptions: its --version would clash with the model version option
@Command(
        name = "remove",
        description = "Remove an installed version that no app runs and that is not the factory version.")
final class ModelsRemoveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    private boolean help;

    @Mixin
    private ModelStoreOptions store;

    @Option(names = "--model", required = true, description = "the model")
    private String model;

    @Option(names = "--version", required = true, description = "the version")
    private String version;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelManager m = store.open(spec.commandLine().getErr())) {
            out.println("removed " + m.remove(model, ModelVersion.of(version)).id());
        }
        out.flush();
        return 0;
    }
}
