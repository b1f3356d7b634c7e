package dev.vela.runtime.cli;

import dev.vela.runtime.store.ModelSigner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela models keygen}: makes a model authority's Ed25519 key pair. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = "Write a fresh Ed25519 key pair for a model authority: NAME.key.pem (keep secret) and"
                + " NAME.pub.pem (give to devices as --model-trust).")
final class ModelsKeygenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", required = true, description = "where to write the key files")
    private Path dir;

    @Option(
            names = "--name",
            defaultValue = "model-authority",
            description = "base file name (default: ${DEFAULT-VALUE})")
    private String name;

    @Override
    public Integer call() throws Exception {
        Path priv = ModelSigner.generate(dir, name);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + priv + " and " + dir.resolve(name + ".pub.pem"));
        out.flush();
        return 0;
    }
}
