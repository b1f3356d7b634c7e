package dev.vela.runtime.cli;

import static dev.vela.runtime.cli.CliRun.cli;
import static dev.vela.runtime.testing.Onnx.FLOAT;
import static dev.vela.runtime.testing.Onnx.floatTensor;
import static dev.vela.runtime.testing.Onnx.model;
import static dev.vela.runtime.testing.Onnx.node;
import static dev.vela.runtime.testing.Onnx.valueInfo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.cli.CliRun.Result;
import dev.vela.runtime.testing.Proto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCliTest {

    @TempDir
    Path dir;

    private Result ok(String... args) {
        Result r = cli(args);
        assertThat(r.code()).as("exit code; out: %s err: %s", r.out(), r.err()).isZero();
        return r;
    }

    private Path addModel(String file, float c) throws Exception {
        Proto graph = Proto.message()
                .msg(1, node("add", "Add", new String[] {"x", "c"}, new String[] {"y"}))
                .str(2, "g")
                .msg(5, floatTensor("c", new long[] {3}, c, c, c))
                .msg(11, valueInfo("x", FLOAT, 1, 3))
                .msg(12, valueInfo("y", FLOAT, 1, 3));
        Path p = dir.resolve(file);
        Files.write(p, model(graph));
        return p;
    }

    @Test
    void signInstallDeclareReloadQueryResetRemove() throws Exception {
        String store = dir.resolve("store").toString();
        ok("models", "keygen", "--dir", dir.resolve("keys").toString(), "--name", "authority");
        String key = dir.resolve("keys/authority.key.pem").toString();
        String pub = dir.resolve("keys/authority.pub.pem").toString();
        Path v1 = addModel("v1.onnx", 1);
        Path v2 = addModel("v2.onnx", 2);
        ok(
                "models",
                "sign",
                "--file",
                v1.toString(),
                "--name",
                "detector",
                "--version",
                "1.0",
                "--key",
                key,
                "--public-key",
                pub,
                "-o",
                dir.resolve("v1.sig.json").toString());
        ok(
                "models",
                "sign",
                "--file",
                v2.toString(),
                "--name",
                "detector",
                "--version",
                "2.0",
                "--key",
                key,
                "--public-key",
                pub,
                "-o",
                dir.resolve("v2.sig.json").toString());
        String[] signed = {"--store", store, "--require-signature", "--model-trust", pub};
        Result unsigned = cli(concat(
                new String[] {"models", "install"},
                signed,
                "--name",
                "detector",
                "--version",
                "1.0",
                "--file",
                v1.toString()));
        assertThat(unsigned.code()).isEqualTo(1);
        assertThat(unsigned.err()).contains("vela: detector@1.0 refused: unsigned");
        assertThat(ok(concat(
                                new String[] {"models", "install"},
                                signed,
                                "--name",
                                "detector",
                                "--version",
                                "1.0",
                                "--file",
                                v1.toString(),
                                "--signature",
                                dir.resolve("v1.sig.json").toString()))
                        .out())
                .contains("installed detector@1.0 (onnx")
                .contains("operators [Add]");
        ok(concat(
                new String[] {"models", "install"},
                signed,
                "--name",
                "detector",
                "--version",
                "2.0",
                "--file",
                v2.toString(),
                "--signature",
                dir.resolve("v2.sig.json").toString()));
        assertThat(ok("models", "app", "--store", store, "--name", "pets", "--use", "detector=^1")
                        .out())
                .contains("app pets runs detector@1.0 (accepts ^1)");
        ok("models", "app", "--store", store, "--name", "gestures", "--use", "detector=*");
        Result conflict = cli("models", "reload", "--store", store, "--model", "detector", "--version", "2.0");
        assertThat(conflict.code()).isEqualTo(1);
        assertThat(conflict.err()).contains("version conflict").contains("app pets accepts detector ^1");
        assertThat(ok(
                                "models",
                                "reload",
                                "--store",
                                store,
                                "--model",
                                "detector",
                                "--version",
                                "2.0",
                                "--app",
                                "gestures")
                        .out())
                .contains("reloaded detector -> 2.0: gestures (was 1.0)");
        String query = ok("models", "query", "--store", store).out();
        assertThat(query)
                .containsPattern("detector\\s+1\\.0\\s+onnx\\s+yes.*pets")
                .containsPattern("detector\\s+2\\.0\\s+onnx\\s+.*gestures")
                .containsPattern("gestures\\s+detector\\s+2\\.0\\s+\\*");
        assertThat(ok("models", "query", "--store", store, "--json").out())
                .contains("\"app\":\"gestures\"")
                .contains("\"factory\":true");
        Result bound = cli("models", "remove", "--store", store, "--model", "detector", "--version", "2.0");
        assertThat(bound.err()).contains("vela: cannot remove detector@2.0: apps [gestures] run it");
        assertThat(ok("models", "reset", "--store", store).out()).contains("reset detector -> 1.0: gestures (was 2.0)");
        assertThat(ok("models", "query", "--store", store).out()).doesNotContain("2.0");
        assertThat(ok("models", "gc", "--store", store).out()).contains("removed 0 version(s)");
        Result unknown = cli("models", "reload", "--store", store, "--model", "nope", "--version", "1");
        assertThat(unknown.err()).contains("vela: unknown model 'nope': not installed (installed: [detector])");
    }

    private static String[] concat(String[] a, String[] b, String... c) {
        String[] r = new String[a.length + b.length + c.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        System.arraycopy(c, 0, r, a.length + b.length, c.length);
        return r;
    }

    @Test
    void optimizeIsRefusedRatherThanIgnored() {
        Result r = cli("models", "query", "--store", dir.resolve("store").toString(), "--optimize");
        assertThat(r.code()).isNotZero();
        assertThat(r.err())
                .contains("--optimize does not apply to 'vela models'")
                .doesNotContain("\tat ");
    }
}
