package dev.vela.runtime.cli;

import dev.vela.spi.SpiVersion;
import dev.vela.spi.admission.AdmissionCheck;
import dev.vela.spi.admission.AdmissionResult;
import dev.vela.spi.admission.Certificate;
import dev.vela.spi.admission.TrustStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vela verify --jar J --certificate C --trust K}: checks a plugin jar against its certificate through
 * {@link AdmissionCheck}, the code path the runtime admits plugins with, and prints the same refusal names.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verify a plugin jar against its certificate, the trusted keys and the trust store's revocation "
                + "list, as the runtime does before loading it; exit 1 with the reason if refused.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--jar", required = true, paramLabel = "JAR", description = "the plugin jar")
    private Path jar;

    @Option(names = "--certificate", required = true, paramLabel = "CERT.json", description = "its certificate")
    private Path certificate;

    @Option(
            names = "--trust",
            required = true,
            paramLabel = "KEYFILE",
            description = "PEM public key(s) whose signatures are accepted: a file, or a directory of .pem/.pub "
                    + "files and *.revocations lists")
    private Path trust;

    @Override
    public Integer call() throws Exception {
        AdmissionResult result = new AdmissionCheck(TrustStore.load(trust), SpiVersion.CURRENT).check(jar, certificate);
        if (!result.isAccepted()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("REFUSED (" + result.refusal().orElseThrow() + "): " + result.message());
            err.flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        Certificate c = result.certificate().orElseThrow();
        out.println("OK: " + result.message());
        result.warnings().forEach(w -> out.println("WARNING: " + w));
        out.println(
                "plugin: " + c.groupId() + ":" + c.artifactId() + ":" + c.version() + ", providers " + c.providerIds());
        out.println("certificate SHA-256 (its id in a revocation list): " + c.sha256());
        out.println("certified claims:");
        c.claims().forEach(claim -> out.println("  " + claim));
        out.flush();
        return 0;
    }
}
