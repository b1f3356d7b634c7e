package dev.vela.runtime.cli;

import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.StoreQuery;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela models query}: every installed version with the apps running it, and every app's versions. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "List installed model versions (with the apps running each) and apps (with their versions).")
final class ModelsQueryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelStoreOptions store;

    @Option(names = "--json", description = "print JSON instead of tables")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelManager m = store.open(spec.commandLine().getErr())) {
            StoreQuery q = m.query();
            out.print(json ? q.toJson() + "\n" : q.toText());
        }
        out.flush();
        return 0;
    }
}
