package dev.vela.runtime.cli;

import dev.vela.runtime.store.DownloadRequest;
import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelMetadata;
import dev.vela.runtime.store.ModelVersion;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela models download}: fetches a model over HTTP(S), checks its SHA-256 and size, and installs it. */
// no mixinStandardHelpOptions: its --version would clash with the model version option
@Command(
        name = "download",
        description =
                "Download a model version over HTTP(S) (resuming an interrupted download), verify and" + " install it.")
final class ModelsDownloadCommand implements Callable<Integer> {

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

    @Option(names = "--url", required = true, description = "http:// or https:// URL of the model file")
    private URI url;

    @Option(names = "--sha256", required = true, description = "the SHA-256 the file must have")
    private String sha256;

    @Option(names = "--max-bytes", defaultValue = "268435456", description = "size limit (default: ${DEFAULT-VALUE})")
    private long maxBytes;

    @Option(names = "--self-test-url", description = "URL of its self-test vectors")
    private URI selfTestUrl;

    @Option(names = "--signature-url", description = "URL of its signature")
    private URI signatureUrl;

    @Option(names = "--requires-plugin", paramLabel = "ID", description = "a provider that must be admitted to run it")
    private List<String> plugins = new ArrayList<>();

    @Option(names = "--factory", description = "make it the factory version that reset returns to")
    private boolean factory;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelManager m = store.open(spec.commandLine().getErr())) {
            ModelMetadata meta = m.download(new DownloadRequest(
                    name,
                    ModelVersion.of(version),
                    url,
                    sha256,
                    maxBytes,
                    Optional.ofNullable(selfTestUrl),
                    Optional.ofNullable(signatureUrl),
                    plugins,
                    factory));
            out.println("installed " + meta.id() + " from " + meta.source() + " (" + meta.size() + " bytes, sha256 "
                    + meta.sha256() + ")");
        }
        out.flush();
        return 0;
    }
}
