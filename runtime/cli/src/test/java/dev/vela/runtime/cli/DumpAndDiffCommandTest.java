package dev.vela.runtime.cli;

import static dev.vela.runtime.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.cli.CliRun.Result;
import dev.vela.runtime.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vela run --dump} writes every tensor with an index; {@code vela diff} compares two runs node by node. */
class DumpAndDiffCommandTest {

    @TempDir
    Path dir;

    private Path chain() throws Exception {
        Path model = dir.resolve("chain.onnx");
        Files.write(model, dev.vela.runtime.debug.ModelDiffTest.chainModel());
        Path x = dir.resolve("x.npy");
        Npy.write(x, dev.vela.runtime.debug.ModelDiffTest.input().get("x"));
        return model;
    }

    @Test
    void runDumpWritesTheInputsAndEveryNodeOutputWithAnIndex() throws Exception {
        Path model = chain();
        Path dump = dir.resolve("dump");
        Result r = cli(
                "run",
                "--model",
                model.toString(),
                "--input",
                "x=" + dir.resolve("x.npy"),
                "--output-dir",
                dir.resolve("out").toString(),
                "--dump",
                dump.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dumped 4 tensors");
        List<String> index = Files.readAllLines(dump.resolve("index.tsv"));
        assertThat(index.get(0)).isEqualTo("order\tvalue\tnode\top\tprovider\ttype\tfile");
        assertThat(index.subList(1, index.size()))
                .extracting(l -> l.split("\t")[1] + "@" + l.split("\t")[2])
                .containsExactly("x@(input)", "a@r1", "b@add1", "y@r2");
        for (String row : index.subList(1, index.size())) {
            assertThat(dump.resolve(row.split("\t")[6])).isRegularFile();
        }
        assertThat(Npy.read(dump.resolve("b.npy")).toFloatArray()).containsExactly(2, 0, 6, 8, 10, 0);
    }

    @Test
    void anUnwritableDumpDirectoryIsAClearError() throws Exception {
        Path model = chain();
        Path file = Files.writeString(dir.resolve("taken"), "not a directory");
        Result r = cli(
                "run",
                "--model",
                model.toString(),
                "--input",
                "x=" + dir.resolve("x.npy"),
                "--output-dir",
                dir.resolve("out").toString(),
                "--dump",
                file.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err())
                .contains("cannot write the dump directory " + file)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void diffOfTheReferenceAgainstItselfAgrees() throws Exception {
        Path model = chain();
        Result r = cli("diff", "--model", model.toString(), "--input", "x=" + dir.resolve("x.npy"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("add1").contains("the runs agree");
    }
}
