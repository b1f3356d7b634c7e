package dev.vela.runtime.cli;

import dev.vela.runtime.store.AppBinding;
import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelStoreException;
import dev.vela.runtime.store.VersionConstraint;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela models app}: declares an app and the models it uses, or removes it. */
@Command(
        name = "app",
        mixinStandardHelpOptions = true,
        description = "Declare an app and the models it uses (MODEL=CONSTRAINT, e.g. detector=^1.2), or --remove it.")
final class ModelsAppCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelStoreOptions store;

    @Option(names = "--name", required = true, description = "the app's name")
    private String name;

    @Option(
            names = "--use",
            paramLabel = "MODEL=CONSTRAINT",
            description = "a model the app uses and the versions it accepts: '*', 1.2.0, ^1.2, ~1.2, '>=1.0 <2.0'")
    private List<String> uses = List.of();

    @Option(names = "--remove", description = "forget the app (its versions stay installed until gc)")
    private boolean remove;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelManager m = store.open(spec.commandLine().getErr())) {
            if (remove) {
                m.removeApp(name);
                out.println("removed app " + name);
            } else {
                Map<String, VersionConstraint> map = new LinkedHashMap<>();
                for (String u : uses) {
                    int eq = u.indexOf('=');
                    if (eq <= 0) {
                        throw new ModelStoreException("--use '" + u + "': expected MODEL=CONSTRAINT");
                    }
                    map.put(u.substring(0, eq), VersionConstraint.of(u.substring(eq + 1)));
                }
                for (AppBinding b : m.declareApp(name, map)) {
                    out.println("app " + b.app() + " runs " + b.modelId() + " (accepts " + b.constraint() + ")");
                }
            }
        }
        out.flush();
        return 0;
    }
}
