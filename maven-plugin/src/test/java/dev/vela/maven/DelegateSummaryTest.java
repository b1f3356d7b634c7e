package dev.vela.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.maven.fork.DelegateResultFile;
import dev.vela.maven.fork.DelegateResultFile.Finding;
import dev.vela.maven.fork.DelegateResultFile.Status;
import dev.vela.maven.fork.DelegateResultFile.Verdict;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.admission.CertifiedDelegate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's delegate decision from the fork's delegate file: a certified delegate becomes a certificate entry, a
 * failing one fails the build with its minimal subgraph and the command that replays it, one the profile leaves
 * nothing to test is a warning; the file survives tabs and newlines in messages.
 */
class DelegateSummaryTest {

    @TempDir
    Path dir;

    private static final Set<KernelClaim> CLAIMS =
            Set.of(KernelClaim.parse("Conv/int8/NHWC"), KernelClaim.parse("Add/int8/ANY"));

    @Test
    void theDelegateFileRoundTripsAndMissingMeansNoDelegate() throws Exception {
        Path file = DelegateResultFile.of(dir.resolve("results.tsv"));
        assertThat(file.getFileName().toString()).isEqualTo("results.tsv.delegates.tsv");
        assertThat(DelegateResultFile.read(file).verdicts()).isEmpty();
        DelegateResultFile.Content content = new DelegateResultFile.Content(
                List.of(new Verdict("acme", Status.FAILED, 60, CLAIMS, 4, 2)),
                List.of(new Finding(
                        "acme",
                        "numerics",
                        "output 'v1'\telement 0\nis -128",
                        "replay: seed=1 dims=1x1x1x1" + " steps=ADD_RESIDUAL,CONV1X1",
                        2)));
        DelegateResultFile.write(file, content);
        assertThat(DelegateResultFile.read(file)).isEqualTo(content);
        Files.writeString(file, "delegate\tacme\tMAYBE\t1\t\t1\t1\n");
        assertThatThrownBy(() -> DelegateResultFile.read(file)).hasMessageContaining("malformed line");
    }

    @Test
    void certifiedFailedAndUnexercisedDelegatesAreDecided() {
        List<String> summary = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<CertifiedDelegate> certified = DelegateSummary.add(
                new DelegateResultFile.Content(
                        List.of(
                                new Verdict("good", Status.CERTIFIED, 60, CLAIMS, Integer.MAX_VALUE, 1),
                                new Verdict("bad", Status.FAILED, 60, Set.of(), Integer.MAX_VALUE, 1),
                                new Verdict("idle", Status.NOT_EXERCISED, 60, Set.of(), Integer.MAX_VALUE, 1)),
                        List.of(new Finding(
                                "bad",
                                "numerics",
                                "output 'v1' element 0 is 3, the reference's 2",
                                "replay: seed=5 dims=1x1x1x1 steps=ADD_INPUT,CONV1X1",
                                2))),
                summary,
                errors,
                warnings);

        assertThat(certified).singleElement().satisfies(d -> {
            assertThat(d.providerId()).isEqualTo("good");
            assertThat(d.claims()).isEqualTo(CLAIMS);
            assertThat(d.subgraphs()).isEqualTo(60);
        });
        assertThat(errors).containsExactly("delegate of provider bad failed");
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("delegate of provider idle is not certified")
                .contains("runs the plugin without it");
        assertThat(summary)
                .contains(
                        "delegate of provider good: CERTIFIED for [Add/int8/ANY, Conv/int8/NHWC] on 60 generated subgraphs"
                                + " (maxPartitions=unlimited minNodes=1)",
                        "  delegate of provider bad: numerics: output 'v1' element 0 is 3, the reference's 2",
                        "    minimal failing subgraph of 2 step(s); replay: seed=5 dims=1x1x1x1 steps=ADD_INPUT,CONV1X1",
                        "    reproduce: mvn vela:certify \"-Dvela.delegate.replay=seed=5 dims=1x1x1x1 steps=ADD_INPUT,CONV1X1\"");
    }

    @Test
    void cutSubgraphsAreCountedAndAFailingCutIsNamedByItsNodes() throws Exception {
        Path file = DelegateResultFile.of(dir.resolve("cuts.tsv"));
        DelegateResultFile.Content content = new DelegateResultFile.Content(
                List.of(
                        new Verdict("good", Status.CERTIFIED, 60, CLAIMS, Integer.MAX_VALUE, 1, 8),
                        new Verdict("bad", Status.FAILED, 60, Set.of(), Integer.MAX_VALUE, 1, 8)),
                List.of(new Finding(
                        "bad",
                        "numerics",
                        "output 'DEPTHWISE_CONV_2D_7' element 0 is -51, the reference's -52",
                        "replay: seed=-4 cut=vww_96_int8/depthwise-pointwise-stride2 nodes=0..0",
                        1)));
        DelegateResultFile.write(file, content);
        assertThat(DelegateResultFile.read(file)).isEqualTo(content);
        // a file written before cuts were counted reads as none
        Files.writeString(file, "delegate\tacme\tCERTIFIED\t60\tAdd/int8/ANY\t1\t1\n");
        assertThat(DelegateResultFile.read(file).verdicts().get(0).cuts()).isZero();

        List<String> summary = new ArrayList<>();
        DelegateSummary.add(content, summary, new ArrayList<>(), new ArrayList<>());
        assertThat(summary)
                .contains(
                        "delegate of provider good: CERTIFIED for [Add/int8/ANY, Conv/int8/NHWC] on 60 generated subgraphs"
                                + " and 8 cut from real models (maxPartitions=unlimited minNodes=1)",
                        "delegate of provider bad: FAILED on generated subgraphs (60 checked and 8 cut from real models)",
                        "    minimal failing subgraph of 1 node(s) cut from a real model; replay: seed=-4"
                                + " cut=vww_96_int8/depthwise-pointwise-stride2 nodes=0..0");
    }
}
