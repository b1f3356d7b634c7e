package dev.vela.samples.runtimeit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.delegate.DelegationPlan;
import dev.vela.runtime.delegate.PartitionReport;
import dev.vela.runtime.partition.NodePlacement;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * native-npu's delegate (D13) on real int8 models from the certified jar: its partitions (one native plan each) run
 * bit-exact with a reference-only run and with the per-node kernels, on several inputs in a row through the same
 * session (so nothing an earlier invocation left in the delegate's arena shows), every node left out of them says
 * why, and the placement shows the partitions. Also prints,
 * side by side in one run, rough single-thread latency of the per-node kernels and of the delegate (figures only:
 * timings on a shared machine are not asserted).
 */
class DelegateOnRealModelsIT {

    @BeforeAll
    static void deploy() throws IOException {
        SamplePluginsInRuntimeIT.deployPlugins();
    }

    private static Path model(String relative) {
        String data = System.getProperty("vela.data");
        Path file = data == null ? null : Path.of(data, "tflite", relative);
        assumeTrue(file != null && Files.isRegularFile(file), "external test data absent (-Dvela.data): " + relative);
        return file;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mlcommons-tiny/visual_wake_words__vww_96_int8.tflite",
                "mlcommons-tiny/keyword_spotting__kws_ref_model.tflite",
                "mlcommons-tiny/image_classification__pretrainedResnet_quant.tflite",
                "tflite-micro/mobilenet_v2_quantized_1x3x224x224.tflite"
            })
    void partitionsRunBitExactWithTheReferenceAndEveryLeftOutNodeSaysWhy(String relative) {
        Path file = model(relative);
        Partitioner partitioner = Partitioner.of(SamplePluginsInRuntimeIT.admitted(), List.of());
        Model delegated = Model.load(file, partitioner);
        DelegationPlan plan = delegated.delegation().orElseThrow();
        System.out.println("== " + file.getFileName());
        plan.lines().forEach(line -> System.out.println("  " + line));

        // The runtime admits the delegate only for what its certificate lists; the kit certifies Gemm on fully
        // connected row subgraphs, so a partition holding a fully connected layer is no longer declined for it.
        assertThat(plan.problems()).noneMatch(p -> p.contains("is not certified for its delegate"));
        assertThat(plan.partitions()).isNotEmpty().allMatch(p -> p.provider().equals("native-npu"));
        assertThat(plan.leftOut().values()).allMatch(reasons -> !reasons.isEmpty());
        int taken = plan.partitions().stream().mapToInt(p -> p.nodes().size()).sum();
        assertThat(taken + plan.leftOut().size()).isEqualTo(plan.nodeCount());

        Map<String, Tensor> feed = SamplePluginsInRuntimeIT.randomInputs(delegated, 11);
        Model reference = Model.load(file);
        Model perNode = Model.load(file, partitioner.withoutDelegates());
        try (Session d = delegated.newSession();
                Session r = reference.newSession();
                Session k = perNode.newSession()) {
            for (int seed : new int[] {11, 12, 13}) {
                Map<String, Tensor> in = seed == 11 ? feed : SamplePluginsInRuntimeIT.randomInputs(delegated, seed);
                Map<String, Tensor> want = r.run(in);
                Map<String, Tensor> got = d.run(in);
                Map<String, Tensor> perNodeGot = k.run(in);
                assertThat(got.keySet()).isEqualTo(want.keySet());
                want.forEach((name, t) -> {
                    assertThat(got.get(name).toByteArray())
                            .as("%s: output %s, seed %d, delegate bit-exact", file.getFileName(), name, seed)
                            .isEqualTo(t.toByteArray());
                    assertThat(perNodeGot.get(name).toByteArray())
                            .as("%s: output %s, seed %d, per-node bit-exact", file.getFileName(), name, seed)
                            .isEqualTo(t.toByteArray());
                });
            }
            List<String> partitionRows = d.placement().nodes().stream()
                    .map(NodePlacement::node)
                    .filter(n -> n.startsWith("partition "))
                    .toList();
            assertThat(partitionRows).hasSize(plan.partitions().size());
            assertThat(plan.partitions())
                    .extracting(PartitionReport::name)
                    .allMatch(name -> partitionRows.contains("partition " + name));
            k.run(feed);
            System.out.printf(
                    Locale.ROOT,
                    "  rough single-thread latency: per-node kernels %.2f ms, delegate %.2f ms"
                            + " (%d partitions, %d of %d nodes delegated)%n",
                    millis(k, feed),
                    millis(d, feed),
                    plan.partitions().size(),
                    taken,
                    plan.nodeCount());
        }
    }

    /** A mixed model on the command line: NPU partitions, the reference elsewhere, every left-out node with its reason. */
    @org.junit.jupiter.api.Test
    void inspectPlacementShowsPartitionsAndWhyNodesStayedOut() {
        Path file = model("mlcommons-tiny/visual_wake_words__vww_96_int8.tflite");
        Path samples = Path.of(System.getProperty("samples.dir", ".."));
        String[] args = {
            "inspect",
            "--model",
            file.toString(),
            "--placement",
            "--plugins",
            System.getProperty("samples.plugins", "target/plugins"),
            "--trust",
            samples.resolve("dev-keys")
                    .resolve("vela-samples-DEVELOPMENT-ONLY.pub.pem")
                    .toString()
        };
        String text = cli(args);
        System.out.println(text);
        // MACs as without the delegate (counted per node)
        assertThat(text).contains("delegates:", "  partition native-npu#0 (native-npu): ", "MACs: 7489664");
        String perNode = cli(java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args), java.util.stream.Stream.of("--no-delegates"))
                .toArray(String[]::new));
        assertThat(perNode)
                .doesNotContain("delegates:", "partition native-npu")
                .contains("MACs: 7489664")
                .containsPattern("node 'CONV_2D_0' \\(Conv\\)\\s+Conv/int8/NHWC\\s+native-npu");
        assertThat(text).containsPattern("left out: node '[^']+': native-npu: declined: no native kernel for Reshape");
        assertThat(text).containsPattern("partition native-npu#0\\s+-\\s+native-npu");
    }

    /** @return what the command printed; fails unless it exits with 0 */
    private static String cli(String... args) {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            code = dev.vela.runtime.cli.VelaCli.execute(args);
        } finally {
            System.setOut(old);
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        return text;
    }

    /** Median of 7 runs after 2 warm-ups, in milliseconds. */
    private static double millis(Session s, Map<String, Tensor> feed) {
        for (int i = 0; i < 2; i++) {
            s.run(feed);
        }
        long[] nanos = new long[7];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            s.run(feed);
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1e6;
    }
}
