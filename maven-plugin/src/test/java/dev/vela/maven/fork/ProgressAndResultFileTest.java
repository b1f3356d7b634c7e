package dev.vela.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressAndResultFileTest {

    @TempDir
    Path dir;

    @Test
    void progressIsReadBackWithTheCallInProgress() throws Exception {
        Path file = dir.resolve("progress");
        Progress p = Progress.open(file);
        p.check("Relu/float32/ANY#numerics");
        p.enter("invoke Relu(float32[2x3])");
        p.exit();
        p.enter("invoke Relu(float32[1x4])");

        Progress.Snapshot s = Progress.read(file).orElseThrow();

        assertThat(s.inCall()).isTrue();
        assertThat(s.where()).isEqualTo("Relu/float32/ANY#numerics, vendor call #2 invoke Relu(float32[1x4])");
        assertThat(s.sinceMillis()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(10_000L));
        p.exit();
        assertThat(Progress.read(file).orElseThrow().inCall()).isFalse();
        p.check("Add/int8/ANY#latency");
        assertThat(Progress.read(file).orElseThrow().where()).isEqualTo("Add/int8/ANY#latency");
    }

    @Test
    void missingOrGarbledProgressReadsAsEmpty() throws Exception {
        assertThat(Progress.read(dir.resolve("none"))).isEmpty();
        Path garbled = dir.resolve("garbled");
        Files.writeString(garbled, "state=call\nsince=x\n");
        assertThat(Progress.read(garbled)).isEmpty();
    }

    @Test
    void resultsSurviveTabsNewlinesAndBackslashesInMessages() throws Exception {
        Path file = dir.resolve("results.tsv");
        ResultFile.Content content = new ResultFile.Content(
                List.of(new ResultFile.Provider("acme", "1.0", "com.acme.P")),
                List.of(new ResultFile.Result(
                        "acme", "Relu/float32/ANY", "numerics", "FAILED", 3, -1, -1, -1, "line1\n\tline2 \\ end")),
                new ResultFile.Run(-5, 15, "2026.11-1", "default", 1234));

        ResultFile.write(file, content);

        assertThat(ResultFile.read(file)).isEqualTo(content);
    }

    @Test
    void aResultFileWithoutRunLineIsRefused() throws Exception {
        Path file = dir.resolve("partial.tsv");
        Files.writeString(file, "provider\tacme\t1.0\tcom.acme.P\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultFile.read(file))
                .hasMessageContaining("no run line");
    }
}
