package dev.vela.runtime.suite;

import static dev.vela.runtime.testing.Onnx.floatTensor;
import static dev.vela.runtime.testing.Onnx.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.testing.Onnx;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteRunnerTest {

    @TempDir
    Path dir;

    /** Op "Misbehave": mode attribute 0 hangs, 1 throws NPE, 2 rejects the node; float32 only. */
    private static final class Misbehave implements KernelFactory {
        @Override
        public OpId op() {
            return OpId.of("Misbehave");
        }

        @Override
        public Set<KernelClaim> claims() {
            return Set.of(KernelClaim.of(op(), DataType.FLOAT32));
        }

        @Override
        public Support supports(Node node) {
            return Support.yes();
        }

        @Override
        public Kernel prepare(Node node) {
            long mode = node.attributes().getLong("mode");
            if (mode == 2) {
                throw new InvalidNodeException(node, "mode 2 is invalid");
            }
            return new Kernel() {
                @Override
                public List<TensorType> outputTypes() {
                    return List.of(node.inputType(0));
                }

                @Override
                public void invoke(Invocation inv) {
                    if (mode == 3) {
                        long spins = 0;
                        while (spins >= 0) {
                            spins++; // ignores interrupts; the runner must stop this thread
                        }
                    }
                    if (mode == 0) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    throw new NullPointerException("oops");
                }
            };
        }
    }

    private Path writeCase(String name, long mode, int elemType) throws Exception {
        Proto graph = Proto.message()
                .msg(1, Onnx.node("n", "Misbehave", new String[] {"x"}, new String[] {"y"}, Onnx.intAttr("mode", mode)))
                .msg(11, Onnx.valueInfo("x", elemType, 1))
                .msg(12, Onnx.valueInfo("y", elemType, 1));
        Path set = dir.resolve(name).resolve("test_data_set_0");
        Files.createDirectories(set);
        Files.write(dir.resolve(name).resolve("model.onnx"), model(graph));
        Proto x = elemType == Onnx.FLOAT
                ? floatTensor("x", new long[] {1}, 1f)
                : Proto.message().packed(1, 1).i64(2, elemType).str(8, "x").i64(7, 1);
        Files.write(set.resolve("input_0.pb"), x.toBytes());
        Files.write(set.resolve("output_0.pb"), x.toBytes());
        return dir.resolve(name);
    }

    @Test
    void hangsCrashesRejectionsAndUnclaimedTypesAreClassified() throws Exception {
        List<Path> cases = List.of(
                writeCase("test_hang", 0, Onnx.FLOAT),
                writeCase("test_npe", 1, Onnx.FLOAT),
                writeCase("test_reject", 2, Onnx.FLOAT),
                writeCase("test_int64", 1, Onnx.INT64));
        CaseRunner runner = new CaseRunner(
                KernelRegistry.of("test", List.of(new Misbehave())),
                CaseIndex.empty(),
                CaseRunner.RTOL,
                CaseRunner.ATOL);
        List<CaseResult> results = new SuiteRunner(runner, 500).run(cases, r -> {});
        assertThat(results)
                .extracting(CaseResult::status)
                .containsExactly(CaseStatus.ERROR, CaseStatus.ERROR, CaseStatus.FAILED, CaseStatus.UNSUPPORTED);
        assertThat(results.get(0).detail()).contains("timed out");
        assertThat(results.get(1).detail()).contains("node 'n' (Misbehave)").contains("NullPointerException");
        assertThat(results.get(2).detail()).contains("mode 2 is invalid");
        assertThat(results.get(3).detail()).contains("int64");
        assertThat(results).extracting(CaseResult::op).containsOnly("Misbehave");
    }

    @Test
    void busyLoopIsStoppedAndTheRunContinues() throws Exception {
        List<Path> cases = List.of(writeCase("test_spin", 3, Onnx.FLOAT), writeCase("test_after", 2, Onnx.FLOAT));
        CaseRunner runner = new CaseRunner(
                KernelRegistry.of("test", List.of(new Misbehave())),
                CaseIndex.empty(),
                CaseRunner.RTOL,
                CaseRunner.ATOL);
        java.util.Set<Thread> before = suiteThreads();
        List<CaseResult> results = new SuiteRunner(runner, 300).run(cases, r -> {});
        assertThat(results).extracting(CaseResult::status).containsExactly(CaseStatus.ERROR, CaseStatus.FAILED);
        // the spinning worker was stopped and the last one shut down: none of this run's threads stays alive
        // (other tests in this JVM may have left their own workers; those are not this run's concern)
        long deadline = System.nanoTime() + 5_000_000_000L;
        java.util.Set<Thread> leftover = suiteThreads();
        leftover.removeAll(before);
        while (!leftover.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            leftover = suiteThreads();
            leftover.removeAll(before);
        }
        assertThat(leftover).as("case threads of this run still alive").isEmpty();
    }

    private static java.util.Set<Thread> suiteThreads() {
        java.util.Set<Thread> threads =
                new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(t -> !t.getName().equals("vela-suite-case") || !t.isAlive());
        return threads;
    }

    @Test
    void comparisonFollowsTheOnnxRule() {
        Shape shape = Shape.of(4);
        Tensor e = Tensor.ofFloats(shape, 1f, Float.NaN, Float.POSITIVE_INFINITY, 0f);
        assertThat(TensorComparison.compare(
                        "y", e, Tensor.ofFloats(shape, 1.0009f, Float.NaN, Float.POSITIVE_INFINITY, 1e-8f), 1e-3, 1e-7))
                .isNull();
        assertThat(TensorComparison.compare(
                        "y", e, Tensor.ofFloats(shape, 1.0011f, Float.NaN, Float.POSITIVE_INFINITY, 0f), 1e-3, 1e-7))
                .contains("index 0");
        assertThat(TensorComparison.compare(
                        "y", e, Tensor.ofFloats(shape, 1f, 0f, Float.POSITIVE_INFINITY, 0f), 1e-3, 1e-7))
                .contains("index 1");
        assertThat(TensorComparison.compare(
                        "y", e, Tensor.ofFloats(shape, 1f, Float.NaN, Float.NEGATIVE_INFINITY, 0f), 1e-3, 1e-7))
                .contains("index 2");
        assertThat(TensorComparison.compare(
                        "y", e, Tensor.ofFloats(shape, 1f, Float.NaN, Float.POSITIVE_INFINITY, 1e-6f), 1e-3, 1e-7))
                .contains("1 of 4");
        Tensor ints = Tensor.ofLongs(Shape.of(4), 5, 5, 5, 5);
        assertThat(TensorComparison.compare("y", e, ints, 1e-3, 1e-7)).contains("dtype int64, expected float32");
        assertThat(TensorComparison.compare("y", ints, Tensor.ofLongs(Shape.of(4), 5, 5, 5, 6), 1e-3, 1e-7))
                .contains("index 3: got 6, expected 5");
    }

    @Test
    void csvSplitterHonoursQuotes() {
        assertThat(CaseIndex.splitCsv("a,\"b,c\",\"d\"\"e\",")).containsExactly("a", "b,c", "d\"e", "");
    }
}
