package dev.vela.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.suite.CaseIndex;
import dev.vela.runtime.suite.CaseResult;
import dev.vela.runtime.suite.CaseRunner;
import dev.vela.runtime.suite.CaseStatus;
import dev.vela.runtime.suite.SuiteRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Whole models from the external data folder ({@code -Dvela.data}): mnist_8 (three test sets) and every model under
 * {@code onnx/models/{simple,pytorch-converted,pytorch-operator}}. Each must reproduce its test sets within
 * rtol 1e-3 / atol 1e-5; models of the {@code simple} set may instead be refused with a message naming the
 * unsupported operator or feature (string tensors, sequences); the summary shows how many models ran.
 */
class ModelDataTest {

    private static final String[] FOLDERS = {"simple", "pytorch-converted", "pytorch-operator"};
    private static final AtomicInteger REPRODUCED = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicBoolean ABSENCE_REPORTED =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static final List<String> REFUSED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static Path modelsRoot() {
        String data = System.getProperty("vela.data", "");
        Path root = data.isEmpty() ? null : Path.of(data, "onnx", "models");
        boolean present = root != null && Files.isDirectory(root);
        String message = "external model data not found at '" + data
                + "/onnx/models' (set -Dvela.data to the shared data folder); skipping model tests";
        if (!present && !ABSENCE_REPORTED.getAndSet(true)) {
            System.out.println("[model data] " + message); // surefire does not show aborted test factories
        }
        assumeTrue(present, message);
        return root;
    }

    @TestFactory
    Stream<DynamicTest> modelsReproduceTheirTestSetsOrAreRefusedClearly() throws Exception {
        Path root = modelsRoot();
        List<Path> cases = new ArrayList<>();
        cases.add(root.resolve("mnist_8"));
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            if (Files.isDirectory(dir)) {
                cases.addAll(SuiteRunner.caseDirectories(dir, null));
            }
        }
        CaseRunner runner = new CaseRunner(KernelRegistry.reference(), CaseIndex.empty(), 1e-3, 1e-5);
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(
                        c.getParent().getFileName() + "/" + c.getFileName(), () -> check(runner.run(c), mustRun(c))));
    }

    /** Every file of the ONNX node suite imports, or is refused as unsupported: never a format error or a crash. */
    @org.junit.jupiter.api.Test
    void everyNodeSuiteFileDecodesOrIsRefusedAsUnsupported() throws Exception {
        Path node = modelsRoot().getParent().resolve("node");
        assumeTrue(Files.isDirectory(node), "ONNX node suite not found under the data folder");
        int imported = 0;
        int refused = 0;
        int tensors = 0;
        for (Path c : SuiteRunner.caseDirectories(node, null)) {
            try {
                dev.vela.runtime.onnx.OnnxImporter.load(c.resolve("model.onnx"));
                imported++;
            } catch (UnsupportedFeatureException e) {
                refused++;
            }
            try (Stream<Path> files = Files.walk(c)) {
                for (Path pb : files.filter(p -> p.toString().endsWith(".pb")).toList()) {
                    try {
                        dev.vela.runtime.onnx.OnnxTensorDecoder.readFile(pb);
                        tensors++;
                    } catch (UnsupportedFeatureException e) {
                        // strings and float8 test data are refused by design
                    } catch (ModelFormatException e) {
                        // sequence/optional test data are not TensorProtos; only allowed where the model is refused
                        assertThat(refusedModel(c))
                                .as("%s: %s", pb, e.getMessage())
                                .isTrue();
                    }
                }
            }
        }
        System.out.println("[model data] node suite: " + imported + " models imported, " + refused
                + " refused as unsupported, " + tensors + " test tensors decoded");
        assertThat(imported).isGreaterThan(1000);
    }

    private static boolean refusedModel(Path caseDir) {
        try {
            dev.vela.runtime.onnx.OnnxImporter.load(caseDir.resolve("model.onnx"));
            return false;
        } catch (UnsupportedFeatureException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Every operator of mnist_8 and the PyTorch model sets is implemented, so those must reproduce; only the
     * {@code simple} set holds models the reference refuses by design (string tensors, sequences).
     */
    private static boolean mustRun(Path caseDir) {
        return !caseDir.getParent().getFileName().toString().equals("simple");
    }

    private static void check(CaseResult r, boolean mustRun) {
        if (r.status() == CaseStatus.UNSUPPORTED && !mustRun) {
            // a refusal must say what is missing: an operator or a named data type / feature
            assertThat(r.detail())
                    .matches("(?s).*(uses operator \\S+|no reference kernel for input type \\S+"
                            + "|unsupported data type \\S+|not supported).*");
            REFUSED.add(r.name() + ": " + r.detail());
            return;
        }
        assertThat(r.status()).as("%s: %s", r.name(), r.detail()).isEqualTo(CaseStatus.PASSED);
        REPRODUCED.incrementAndGet();
    }

    @AfterAll
    static void summary() {
        if (REPRODUCED.get() + REFUSED.size() > 0) {
            System.out.println("[model data] reproduced " + REPRODUCED.get() + " models, refused " + REFUSED.size()
                    + " (unsupported operator or feature)");
        }
    }
}
