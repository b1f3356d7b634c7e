package dev.vela.runtime.cli;

import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelMetadata;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vela models gc}: removes every version no app runs, except factory versions. */
@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        description = "Remove every installed version no app runs, except factory versions.")
final class ModelsGcCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelStoreOptions store;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelManager m = store.open(spec.commandLine().getErr())) {
            List<ModelMetadata> removed = m.gc();
            long freed = removed.stream().mapToLong(ModelMetadata::size).sum();
            out.println("removed " + removed.size() + " version(s) "
                    + removed.stream().map(ModelMetadata::id).toList() + ", " + freed + " model bytes freed");
        }
        out.flush();
        return 0;
    }
}
