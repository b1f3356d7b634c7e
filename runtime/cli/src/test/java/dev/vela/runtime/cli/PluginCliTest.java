package dev.vela.runtime.cli;

import static dev.vela.runtime.cli.CliRun.cli;
import static dev.vela.runtime.plugin.PluginJars.certificate;
import static dev.vela.runtime.plugin.PluginJars.sign;
import static dev.vela.runtime.plugin.PluginJars.writeNextTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.cli.CliRun.Result;
import dev.vela.runtime.io.Npy;
import dev.vela.runtime.plugin.PluginJars;
import dev.vela.runtime.plugin.PluginJars.Spec;
import dev.vela.runtime.testing.Onnx;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.admission.Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify}, {@code inspect} and the provider options of {@code run}, on plugin jars built at test time. */
class PluginCliTest {

    private static KeyPair key;
    private static KeyPair stranger;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        key = PluginJars.newKey();
        stranger = PluginJars.newKey();
    }

    /** Exit code, standard output and standard error of one CLI call. */
    private Path trustFile() throws Exception {
        return PluginJars.writePublicKey(key, dir.resolve("trusted.pem"));
    }

    private Path model() throws Exception {
        Path file = dir.resolve("add_relu.onnx");
        Files.write(file, Onnx.model(Onnx.addReluGraph()));
        return file;
    }

    @Test
    void verifyAcceptsACertifiedJar() throws Exception {
        Path jar = PluginJars.build(dir.resolve("plugins/acme.jar"), dir, Spec.of("acme"));
        Path cert = writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), key));
        Result r = cli(
                "verify",
                "--jar",
                jar.toString(),
                "--certificate",
                cert.toString(),
                "--trust",
                trustFile().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("OK: certificate verified", "providers [acme]", "Relu/float32/ANY");
    }

    @Test
    void verifyRefusesWithTheReasonAndExitCode1() throws Exception {
        Path jar = PluginJars.build(dir.resolve("plugins/acme.jar"), dir, Spec.of("acme"));
        Path cert = writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), stranger));
        Result untrusted = cli(
                "verify",
                "--jar",
                jar.toString(),
                "--certificate",
                cert.toString(),
                "--trust",
                trustFile().toString());
        assertThat(untrusted.code()).isEqualTo(1);
        assertThat(untrusted.err()).contains("REFUSED (UNTRUSTED_KEY)", "not in the trust store");
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), key));
        Files.write(jar, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        Result changed = cli(
                "verify",
                "--jar",
                jar.toString(),
                "--certificate",
                cert.toString(),
                "--trust",
                trustFile().toString());
        assertThat(changed.code()).isEqualTo(1);
        assertThat(changed.err()).contains("REFUSED (HASH_MISMATCH)", "changed after certification");
    }

    @Test
    void verifyUsesTheRuntimesRefusalNamesAndExitsNonZeroOnEachRefusal() throws Exception {
        Path jar = PluginJars.build(dir.resolve("plugins/acme.jar"), dir, Spec.of("acme"));
        Certificate signed = sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), key);
        Path cert = writeNextTo(jar, signed);
        Path trustDir = Files.createDirectories(dir.resolve("trust"));
        PluginJars.writePublicKey(key, trustDir.resolve("authority.pem"));
        Result ok = cli(
                "verify", "--jar", jar.toString(), "--certificate", cert.toString(), "--trust", trustDir.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out())
                .contains(
                        "valid until 2126-01-01T00:00:00Z",
                        "certificate SHA-256 (its id in a revocation " + "list): " + signed.sha256());

        // the authority revokes the certificate: refused with its reason
        Files.writeString(
                trustDir.resolve("authority.revocations"),
                "# withdrawn\ncertificate " + signed.sha256() + "   Relu returns -0 for -0, fixed in 1.0.1\n");
        Result revoked = cli(
                "verify", "--jar", jar.toString(), "--certificate", cert.toString(), "--trust", trustDir.toString());
        assertThat(revoked.code()).isEqualTo(1);
        assertThat(revoked.err())
                .contains("REFUSED (REVOKED)", "Relu returns -0 for -0, fixed in 1.0.1", "authority.revocations:2");
        // and the runtime refuses it with the same name and reason
        Result run = cli(
                "inspect",
                "--model",
                model().toString(),
                "--placement",
                "--plugins",
                dir.resolve("plugins").toString(),
                "--trust",
                trustDir.toString());
        assertThat(run.out()).contains("refused, REVOKED", "fixed in 1.0.1");
        Files.delete(trustDir.resolve("authority.revocations"));

        Path expired =
                writeNextTo(jar, sign(Certificate.parse(signed.toJson().replace("2126-01-01", "2026-01-02")), key));
        Result old = cli(
                "verify", "--jar", jar.toString(), "--certificate", expired.toString(), "--trust", trustDir.toString());
        assertThat(old.code()).isEqualTo(1);
        assertThat(old.err()).contains("REFUSED (EXPIRED)", "expired on 2026-01-02T00:00:00Z");
    }

    @Test
    void requireCertifiedFailsWhenThePluginsDirectoryIsNotAdmitted() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path jar = PluginJars.build(plugins.resolve("acme.jar"), dir, Spec.of("acme"));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), key));
        Path wrongKey = PluginJars.writePublicKey(stranger, dir.resolve("wrong.pem"));
        // without the option a wrong trust store falls back to the reference, loudly
        Result lenient = cli(
                "inspect",
                "--model",
                model().toString(),
                "--plugins",
                plugins.toString(),
                "--trust",
                wrongKey.toString());
        assertThat(lenient.code()).isZero();
        assertThat(lenient.err()).contains("UNTRUSTED_KEY");

        Result wrong = cli(
                "inspect",
                "--model",
                model().toString(),
                "--plugins",
                plugins.toString(),
                "--trust",
                wrongKey.toString(),
                "--require-certified");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err())
                .contains("certified plugins required (--require-certified)", "UNTRUSTED_KEY", "acme.jar");
        Result noTrust =
                cli("inspect", "--model", model().toString(), "--plugins", plugins.toString(), "--require-certified");
        assertThat(noTrust.code()).isEqualTo(1);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Result nothing = cli(
                "inspect",
                "--model",
                model().toString(),
                "--plugins",
                empty.toString(),
                "--trust",
                trustFile().toString(),
                "--require-certified");
        assertThat(nothing.code()).isEqualTo(1);
        assertThat(nothing.err()).contains("no provider of plugins directory " + empty + " was admitted");
        Result good = cli(
                "inspect",
                "--model",
                model().toString(),
                "--plugins",
                plugins.toString(),
                "--trust",
                trustFile().toString(),
                "--require-certified");
        assertThat(good.code()).as(good.err()).isZero();
        Result contradiction = cli(
                "inspect",
                "--model",
                model().toString(),
                "--plugins",
                plugins.toString(),
                "--allow-uncertified",
                "--require-certified");
        assertThat(contradiction.code()).isEqualTo(1);
        assertThat(contradiction.err()).contains("contradict");
    }

    @Test
    void aPartlyAdmittedProviderIsListedAsAdmittedWithTheClaimsLeftOut() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path jar = PluginJars.build(
                plugins.resolve("acme.jar"), dir, Spec.of("acme").alsoClaiming("INT8"));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), key));
        Result strict = cli(
                "inspect",
                "--model",
                model().toString(),
                "--placement",
                "--plugins",
                plugins.toString(),
                "--trust",
                trustFile().toString());
        assertThat(strict.code()).as(strict.err()).isZero();
        assertThat(strict.out())
                .contains(
                        "acme  CPU  priority 10  certified  1 claims",
                        "not admitted (CLAIM_NOT_CERTIFIED): 1 claim(s) not certified, not admitted: [Relu/int8/ANY]",
                        "refused: none");
        assertThat(strict.err())
                .contains("provider 'acme' is admitted for its certified claims only")
                .doesNotContain("plugin refusal(s)");
        // development mode admits the uncertified claim too, and says that only one of the two is certified
        Result dev = cli(
                "inspect",
                "--model",
                model().toString(),
                "--placement",
                "--plugins",
                plugins.toString(),
                "--trust",
                trustFile().toString(),
                "--allow-uncertified");
        assertThat(dev.out())
                .contains("certified  1 claims, 1 more NOT CERTIFIED (development mode)")
                .doesNotContain("certified  2 claims");
    }

    @Test
    void anUnsupportedOperatorIsNamedWithoutADoubleNegative() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path jar = PluginJars.build(plugins.resolve("acme.jar"), dir, Spec.of("acme"));
        writeNextTo(jar, sign(certificate(jar, List.of("acme"), "Relu/float32/ANY"), key));
        dev.vela.runtime.testing.Proto graph = dev.vela.runtime.testing.Proto.message()
                .msg(1, Onnx.node("odd", "NoSuchOp", new String[] {"x"}, new String[] {"y"}))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 3))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 1, 3));
        Path file = dir.resolve("odd.onnx");
        Files.write(file, Onnx.model(graph));
        Result r = cli(
                "inspect",
                "--model",
                file.toString(),
                "--plugins",
                plugins.toString(),
                "--trust",
                trustFile().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("uses operator NoSuchOp, which no admitted provider implements (admitted: [")
                .doesNotContain("does not implement");
    }

    @Test
    void inspectShowsProvidersRefusalsAndPlacement() throws Exception {
        Path good = PluginJars.build(dir.resolve("plugins/acme.jar"), dir, Spec.of("acme"));
        writeNextTo(good, sign(certificate(good, List.of("acme"), "Relu/float32/ANY"), key));
        PluginJars.build(dir.resolve("plugins/shady.jar"), dir, Spec.of("shady").on("NPU", 99));
        Result r = cli(
                "inspect",
                "--model",
                model().toString(),
                "--placement",
                "--plugins",
                dir.resolve("plugins").toString(),
                "--trust",
                trustFile().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("inputs:", "x: float32[N,3]", "Add", "parameters: 1 tensors, 12 bytes");
        assertThat(r.out()).contains("acme  CPU  priority 10  certified  1 claims");
        // refused before any of its classes is loaded: named by its jar
        assertThat(r.out()).contains(dir.resolve("plugins/shady.jar") + ": refused, NO_CERTIFICATE");
        assertThat(r.out()).containsPattern("node 'Relu_1' \\(Relu\\)\\s+Relu/float32/ANY\\s+acme");
        assertThat(r.out())
                .containsPattern(
                        "node 'add' \\(Add\\)\\s+Add/float32/ANY\\s+vela-reference\\s+acme: " + "no factory for Add");
        assertThat(r.err()).contains("1 plugin refusal(s)");
    }

    @Test
    void maxFallbackFailsARunThatFallsBackMoreThanAllowedNamingTheNodes() throws Exception {
        Path good = PluginJars.build(dir.resolve("plugins/acme.jar"), dir, Spec.of("acme"));
        writeNextTo(good, sign(certificate(good, List.of("acme"), "Relu/float32/ANY"), key));
        Path x = dir.resolve("x.npy");
        Npy.write(x, Tensor.ofFloats(Shape.of(1, 3), -5, 1, 1));
        String[] common = {
            "run",
            "--model",
            model().toString(),
            "--input",
            "x=" + x,
            "--output-dir",
            dir.resolve("out").toString(),
            "--plugins",
            dir.resolve("plugins").toString(),
            "--trust",
            trustFile().toString()
        };
        Result within = cli(concat(common, "--max-fallback", "0.5"));
        assertThat(within.code()).as(within.err()).isZero();
        Result over = cli(concat(common, "--max-fallback", "0.4"));
        assertThat(over.code()).isNotZero();
        assertThat(over.err())
                .contains("1 of 2 nodes (50.0%) fell back to the reference, more than the allowed"
                        + " 40.0%: node 'add' (Add)");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void inspectReportsTheArena() throws Exception {
        Result r = cli("inspect", "--model", model().toString(), "--memory");
        assertThat(r.code()).as(r.err()).isZero();
        // the Add output (3 floats at batch 1) is the only intermediate tensor
        assertThat(r.out())
                .contains("memory: arena 12 bytes, lower bound 12 bytes, ratio 1.000 (1 buffers, 0 in place)");
    }

    @Test
    void inspectCountsMacsOfConvAndMatMul() throws Exception {
        // Conv: x [1,1,4,4] * W [2,1,3,3] -> [1,2,2,2]: 8 outputs x 9 taps = 72; MatMul [1,2,2,2] x [2,5]: 4 x 5 x 2 =
        // 40
        dev.vela.runtime.testing.Proto graph = dev.vela.runtime.testing.Proto.message()
                .msg(1, Onnx.node("conv", "Conv", new String[] {"x", "w"}, new String[] {"c"}))
                .msg(1, Onnx.node("mm", "MatMul", new String[] {"c", "m"}, new String[] {"y"}))
                .msg(5, Onnx.floatTensor("w", new long[] {2, 1, 3, 3}, new float[18]))
                .msg(5, Onnx.floatTensor("m", new long[] {2, 5}, new float[10]))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 1, 4, 4))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 1, 2, 2, 5));
        Path file = dir.resolve("conv.onnx");
        Files.write(file, Onnx.model(graph));
        Result r = cli("inspect", "--model", file.toString(), "--macs");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("MACs: 112 {Conv=72, MatMul=40}", "parameters: 2 tensors, 112 bytes");
        // without --macs (or --placement, --memory, --input) inspect describes the graph and runs nothing
        Result plain = cli("inspect", "--model", file.toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out())
                .contains("parameters: 2 tensors, 112 bytes")
                .doesNotContain("MACs: 112")
                .contains("add --macs, --placement or --memory");
    }

    @Test
    void developmentModeWarnsOnEveryRun() throws Exception {
        PluginJars.build(dir.resolve("plugins/dev.jar"), dir, Spec.of("devkit"));
        Path x = dir.resolve("x.npy");
        Npy.write(x, Tensor.ofFloats(Shape.of(1, 3), -5, 1, 1));
        for (int i = 0; i < 2; i++) {
            Result r = cli(
                    "run",
                    "--model",
                    model().toString(),
                    "--input",
                    "x=" + x,
                    "--output-dir",
                    dir.resolve("out").toString(),
                    "--plugins",
                    dir.resolve("plugins").toString(),
                    "--allow-uncertified",
                    "--threads",
                    "2");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).contains("WARNING: DEVELOPMENT MODE", "UNCERTIFIED provider 'devkit'");
            assertThat(Npy.read(dir.resolve("out/y.npy")).toFloatArray()).containsExactly(0, 0, 4);
        }
        Result strict = cli(
                "run",
                "--model",
                model().toString(),
                "--input",
                "x=" + x,
                "--output-dir",
                dir.resolve("out").toString(),
                "--plugins",
                dir.resolve("plugins").toString());
        assertThat(strict.code()).isZero();
        assertThat(strict.err()).doesNotContain("DEVELOPMENT MODE").contains("dev.jar", "NO_CERTIFICATE");
    }

    @Test
    void preferOrdersDeviceKinds() throws Exception {
        Path npu = PluginJars.build(
                dir.resolve("plugins/npu.jar"), dir, Spec.of("npu").on("NPU", 1));
        Path cpu = PluginJars.build(
                dir.resolve("plugins/cpu.jar"), dir, Spec.of("cpu").on("CPU", 50));
        writeNextTo(npu, sign(certificate(npu, List.of("npu"), "Relu/float32/ANY"), key));
        writeNextTo(cpu, sign(certificate(cpu, List.of("cpu"), "Relu/float32/ANY"), key));
        Result byPriority = cli(
                "inspect",
                "--model",
                model().toString(),
                "--placement",
                "--plugins",
                dir.resolve("plugins").toString(),
                "--trust",
                trustFile().toString());
        assertThat(byPriority.out()).contains("tried in this order: [cpu, npu, vela-reference]");
        Result preferred = cli(
                "inspect",
                "--model",
                model().toString(),
                "--placement",
                "--plugins",
                dir.resolve("plugins").toString(),
                "--trust",
                trustFile().toString(),
                "--prefer",
                "NPU,CPU");
        assertThat(preferred.out()).contains("tried in this order: [npu, cpu, vela-reference]");
        assertThat(preferred.out()).containsPattern("\\(Relu\\)\\s+Relu/float32/ANY\\s+npu\\s+cpu: ranked below npu");
        Result bad = cli("inspect", "--model", model().toString(), "--prefer", "TPU");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("TPU");
    }
}
