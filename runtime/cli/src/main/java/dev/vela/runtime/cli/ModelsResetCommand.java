package dev.vela.runtime.cli;

import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ReloadResult;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela models reset}: every app back to the factory version; other unbound versions removed. */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = "Return every app of a model (or of all models) to its factory version and remove the model's"
                + " other versions no app runs.")
final class ModelsResetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelStoreOptions store;

    @Option(names = "--model", description = "only this model (default: all)")
    private String model;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelManager m = store.open(spec.commandLine().getErr())) {
            for (ReloadResult r : m.reset(Optional.ofNullable(model))) {
                out.println("reset " + r.summary());
            }
        }
        out.flush();
        return 0;
    }
}
