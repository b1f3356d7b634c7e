package dev.vela.runtime.cli;

import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelVersion;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela models reload}: switches one app or every app of a model to an installed version. */
// no mixinStandardHelpOptions: its --version would clash with the model version option
@Command(
        name = "reload",
        description = "Switch an app (or every app using the model) to an installed version after loading, admitting"
                + " and self-testing it; nothing switches if a step fails.")
final class ModelsReloadCommand implements Callable<Integer> {

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

    @Option(names = "--version", required = true, description = "the version to switch to")
    private String version;

    @Option(names = "--app", description = "only this app (default: every app using the model)")
    private String app;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelManager m = store.open(spec.commandLine().getErr())) {
            out.println("reloaded "
                    + m.reload(model, ModelVersion.of(version), Optional.ofNullable(app))
                            .summary());
        }
        out.flush();
        return 0;
    }
}
