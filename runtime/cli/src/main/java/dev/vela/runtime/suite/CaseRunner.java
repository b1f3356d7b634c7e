package dev.vela.runtime.suite;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.runtime.error.UnsupportedOperatorException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.onnx.OnnxImporter;
import dev.vela.runtime.onnx.OnnxModel;
import dev.vela.runtime.onnx.OnnxTensorDecoder;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Tensor;
import dev.vela.spi.VelaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one ONNX backend-test case directory ({@code model.onnx} + {@code test_data_set_K/input_N.pb, output_N.pb})
 * and classifies the outcome (see {@link CaseStatus}).
 */
public final class CaseRunner {

    /** ONNX's tolerances for the node suite. */
    public static final double RTOL = 1e-3;
    /** ONNX's tolerances for the node suite. */
    public static final double ATOL = 1e-7;

    private static final Pattern DATA_FILE = Pattern.compile("(input|output)_(\\d+)\\.pb");

    private final KernelRegistry registry;
    private final CaseIndex index;
    private final double rtol;
    private final double atol;

    /**
     * @param registry kernels to run with
     * @param index op type per case (may be empty)
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     */
    public CaseRunner(KernelRegistry registry, CaseIndex index, double rtol, double atol) {
        this.registry = registry;
        this.index = index;
        this.rtol = rtol;
        this.atol = atol;
    }

    /** @return the op a case exercises: from the index, else its model's first node, else {@code ?} */
    public String opOf(Path caseDir) {
        String op = index.op(caseDir.getFileName().toString());
        if (op != null) {
            return op;
        }
        return scannedOp(caseDir);
    }

    private static String scannedOp(Path caseDir) {
        try {
            List<String> ops = OnnxImporter.scanOpTypes(Files.readAllBytes(caseDir.resolve("model.onnx")));
            return ops.isEmpty() ? "?" : ops.get(0);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Runs a case. Never throws for a problem of the case itself; returns it as the result's status.
     *
     * @param caseDir the case directory
     * @return the result
     */
    public CaseResult run(Path caseDir) {
        String name = caseDir.getFileName().toString();
        String op = index.op(name);
        Graph graph;
        try {
            OnnxModel imported = OnnxImporter.load(caseDir.resolve("model.onnx"));
            graph = imported.graph();
            if (op == null) {
                op = graph.nodes().isEmpty() ? "?" : graph.nodes().get(0).op().toString();
            }
        } catch (Throwable e) {
            return classify(name, op == null ? scannedOp(caseDir) : op, e);
        }
        try {
            Model model = Model.of(caseDir.resolve("model.onnx").toString(), graph, Partitioner.of(registry));
            List<Path> sets = testDataSets(caseDir);
            if (sets.isEmpty()) {
                return new CaseResult(name, op, CaseStatus.ERROR, "no test_data_set_* directory");
            }
            try (Session session = model.newSession()) {
                for (Path set : sets) {
                    String mismatch = runSet(model, session, set);
                    if (mismatch != null) {
                        return new CaseResult(name, op, CaseStatus.FAILED, set.getFileName() + ": " + mismatch);
                    }
                }
            }
            return new CaseResult(name, op, CaseStatus.PASSED, "");
        } catch (Throwable e) {
            return classify(name, op, e);
        }
    }

    private String runSet(Model model, Session session, Path set) throws IOException {
        List<OnnxTensorDecoder.NamedTensor> inputs = readNumbered(set, "input");
        List<OnnxTensorDecoder.NamedTensor> expected = readNumbered(set, "output");
        List<ValueSpec> declared = model.inputs();
        if (inputs.size() > declared.size()) {
            throw new VelaException(
                    set + ": " + inputs.size() + " input files but the model has " + declared.size() + " inputs");
        }
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            OnnxTensorDecoder.NamedTensor t = inputs.get(i);
            String inputName = declared.stream().anyMatch(d -> d.name().equals(t.name()))
                            && !t.name().isEmpty()
                    ? t.name()
                    : declared.get(i).name();
            feed.put(inputName, t.tensor());
        }
        Map<String, Tensor> actual = session.run(feed);
        List<ValueSpec> outs = model.outputs();
        if (expected.size() != outs.size()) {
            return expected.size() + " expected outputs but the model has " + outs.size();
        }
        for (int i = 0; i < outs.size(); i++) {
            String name = outs.get(i).name();
            String problem = TensorComparison.compare(name, expected.get(i).tensor(), actual.get(name), rtol, atol);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static List<Path> testDataSets(Path caseDir) throws IOException {
        try (Stream<Path> s = Files.list(caseDir)) {
            return s.filter(p ->
                            Files.isDirectory(p) && p.getFileName().toString().startsWith("test_data_set_"))
                    .sorted()
                    .toList();
        }
    }

    private static List<OnnxTensorDecoder.NamedTensor> readNumbered(Path set, String kind) throws IOException {
        Map<Integer, Path> files = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(set)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Matcher m = DATA_FILE.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(kind)) {
                    files.put(Integer.parseInt(m.group(2)), p);
                }
            }
        }
        List<OnnxTensorDecoder.NamedTensor> out = new ArrayList<>();
        int expectedIndex = 0;
        for (Map.Entry<Integer, Path> e : files.entrySet()) {
            if (e.getKey() != expectedIndex++) {
                throw new IOException(set + ": " + kind + "_" + (expectedIndex - 1) + ".pb is missing");
            }
            out.add(OnnxTensorDecoder.readFile(e.getValue()));
        }
        return out;
    }

    /** Maps an exception to a status by the suite's rules. */
    static CaseResult classify(String name, String op, Throwable e) {
        Throwable root = e;
        if (e instanceof UnsupportedOperatorException || e instanceof UnsupportedFeatureException) {
            return new CaseResult(name, op, CaseStatus.UNSUPPORTED, message(e));
        }
        if (e instanceof ModelFormatException || !(e instanceof VelaException)) {
            return new CaseResult(name, op, CaseStatus.ERROR, message(e));
        }
        // a node failure is 'failed' when the kernel said clearly why, 'error' when it crashed
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof VelaException) {
            return new CaseResult(name, op, CaseStatus.FAILED, message(e));
        }
        return new CaseResult(name, op, CaseStatus.ERROR, message(e) + stackHint(root));
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return e instanceof VelaException && m != null ? m : e.toString();
    }

    private static String stackHint(Throwable root) {
        StackTraceElement[] st = root.getStackTrace();
        return st.length == 0 ? "" : " at " + st[0];
    }
}
