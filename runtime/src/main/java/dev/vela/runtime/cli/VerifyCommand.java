package dev.vela.runtime.cli;

import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.CertificateVerifier;
import dev.vela.spi.admission.TrustStore;
import dev.vela.spi.admission.Verification;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vela verify --jar J --certificate C --trust K}: checks a plugin jar against its certificate. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a plugin jar against its certificate and trusted keys; exit 1 with the reason if refused.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--jar", required = true, paramLabel = "JAR", description = "the plugin jar")
    private Path jar;

    @Option(names = "--certificate", required = true, paramLabel = "CERT.json", description = "its certificate")
    private Path certificate;

    @Option(names = "--trust", required = true, paramLabel = "KEYFILE",
            description = "PEM public key(s) whose signatures are accepted (a file, or a directory of .pem/.pub)")
    private Path trust;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Verification v = new CertificateVerifier(TrustStore.load(trust), SpiVersion.CURRENT).verify(certificate, jar);
        if (!v.isAccepted()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("REFUSED (" + v.failure() + "): " + v.message());
            err.flush();
            return 1;
        }
        out.println("OK: " + v.message());
        out.println("plugin: " + v.certificate().groupId() + ":" + v.certificate().artifactId() + ":"
                + v.certificate().version() + ", providers " + v.certificate().providerIds());
        out.println("certified claims:");
        v.certificate().claims().forEach(c -> out.println("  " + c));
        out.flush();
        return 0;
    }
}
