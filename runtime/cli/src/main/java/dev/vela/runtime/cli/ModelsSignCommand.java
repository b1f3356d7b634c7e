package dev.vela.runtime.cli;

import dev.vela.runtime.store.ModelSignature;
import dev.vela.runtime.store.ModelSigner;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela models sign}: a model authority signs a model version (file hash, size, self-test hash). */
// no mixinStandardHelpOptions: its --version would clash with the model version option
@Command(
        name = "sign",
        description = "Sign a model version with a model authority's Ed25519 key (over name, version, file SHA-256,"
                + " size and self-test SHA-256).")
final class ModelsSignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    private boolean help;

    @Option(names = "--file", required = true, paramLabel = "MODEL", description = "the model file")
    private Path file;

    @Option(names = "--name", required = true, description = "the model's name")
    private String name;

    @Option(names = "--version", required = true, description = "its version")
    private String version;

    @Option(names = "--self-test", paramLabel = "JSON", description = "the self-test vectors shipped with it")
    private Path selfTest;

    @Option(names = "--key", required = true, paramLabel = "KEY.key.pem", description = "PKCS#8 PEM private key")
    private Path key;

    @Option(names = "--public-key", required = true, paramLabel = "KEY.pub.pem", description = "its public key")
    private Path publicKey;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "SIG.json",
            description = "where to write it")
    private Path output;

    @Override
    public Integer call() throws Exception {
        ModelSigner signer = ModelSigner.read(key, publicKey);
        ModelSignature sig =
                signer.sign(name, version, sha256(file), Files.size(file), selfTest == null ? "" : sha256(selfTest));
        Files.writeString(output, sig.toJson() + "\n", StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        out.println("signed " + name + "@" + version + " (sha256 " + sig.sha256() + ") with key " + sig.keyId() + " -> "
                + output);
        out.flush();
        return 0;
    }

    private static String sha256(Path f) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
