package dev.vela.runtime.cli;

import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.tflite.TfliteGraph;
import dev.vela.runtime.tflite.TfliteImporter;
import dev.vela.spi.Attributes;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vela layers --model M [--model M2 ...] --csv OUT}: lists the shapes, attributes and
 * quantization of every Conv / depthwise Conv / fully-connected / Add / pool / Softmax layer of
 * TFLite models as imported (ONNX operator names, NHWC via {@code data_format}), one CSV row per
 * layer. The conformance kit turns these rows into fixed cases (docs/architecture.md D10).
 *
 * <p>Columns: {@code model,node,op,attributes,inputs,output}. Attributes are
 * {@code name=kind:value} separated by {@code ;} (kinds {@code i}, {@code f}, {@code s},
 * {@code ii}, {@code ff}; lists space-separated). Each tensor is
 * {@code type[d0xd1..]} followed by {@code c} for constants and its quantization: per tensor
 * {@code {scale:zp}}, per axis {@code {axis=A n=N min=S0 max=S1 zp=Z}} (scales summarised by their
 * range, zero point common), or nothing; inputs are separated by {@code |}, an omitted one is {@code -}.
 */
@Command(
        name = "layers",
        mixinStandardHelpOptions = true,
        description = "Write the Conv/Depthwise/FC/Add/Pool/Softmax layers of TFLite models as CSV rows.")
final class LayersCommand implements Callable<Integer> {

    /** The operators listed (as the importer names them). */
    static final Set<String> OPS = Set.of("Conv", "Gemm", "MatMul", "Add", "AveragePool", "MaxPool", "Softmax");

    /** The CSV header. */
    static final String HEADER = "model,node,op,attributes,inputs,output";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "MODEL",
            description = "a .tflite file; repeat for several")
    private List<Path> models = new ArrayList<>();

    @Option(names = "--csv", required = true, paramLabel = "OUT", description = "the CSV file written")
    private Path csv;

    @Override
    public Integer call() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Path model : models) {
            String name = model.getFileName().toString().replaceFirst("\\.tflite$", "");
            TfliteGraph g = TfliteImporter.importBytes(name, Files.readAllBytes(model));
            int before = rows.size();
            for (GraphNode n : g.graph().nodes()) {
                if (OPS.contains(n.op().toString())) {
                    rows.add(row(name, n, g));
                }
            }
            spec.commandLine().getOut().println(name + ": " + (rows.size() - before) + " layers");
        }
        Path parent = csv.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(csv, rows);
        PrintWriter out = spec.commandLine().getOut();
        out.println((rows.size() - 1) + " layers -> " + csv);
        out.flush();
        return 0;
    }

    static String row(String model, GraphNode n, TfliteGraph g) {
        List<String> inputs = new ArrayList<>();
        for (String in : n.inputs()) {
            inputs.add(
                    in.isEmpty()
                            ? "-"
                            : tensor(
                                    g.valueTypes().get(in),
                                    g.graph().initializers().containsKey(in)));
        }
        String out = tensor(g.valueTypes().get(n.outputs().get(0)), false);
        return String.join(
                ",",
                model,
                n.name().replace(',', '_'),
                n.op().toString(),
                attributes(n.attributes()),
                String.join("|", inputs),
                out);
    }

    static String attributes(Attributes a) {
        List<String> parts = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(a.names())) {
            String v = switch (a.typeOf(key)) {
                case INT -> "i:" + a.getLong(key);
                case FLOAT -> "f:" + a.getFloat(key);
                case STRING -> "s:" + a.getString(key);
                case INTS -> "ii:" + join(a.getLongs(key));
                case FLOATS -> "ff:" + join(a.getFloats(key));
                default -> null; // tensors and string lists: none on the listed operators
            };
            if (v != null) {
                parts.add(key + "=" + v);
            }
        }
        return String.join(";", parts);
    }

    static String tensor(TensorType t, boolean constant) {
        if (t == null) {
            return "?";
        }
        StringBuilder sb = new StringBuilder(t.dataType().label()).append('[');
        for (int i = 0; i < t.shape().rank(); i++) {
            sb.append(i > 0 ? "x" : "").append(t.shape().dim(i));
        }
        sb.append(']');
        if (constant) {
            sb.append('c');
        }
        if (t.quantization().isPresent()) {
            Quantization q = t.quantization().get();
            if (q.isPerAxis()) {
                float min = Float.MAX_VALUE;
                float max = 0;
                for (float s : q.scales()) {
                    min = Math.min(min, s);
                    max = Math.max(max, s);
                }
                sb.append(String.format(
                        Locale.ROOT,
                        "{axis=%d n=%d min=%s max=%s zp=%d}",
                        q.axis(),
                        q.count(),
                        Float.toString(min),
                        Float.toString(max),
                        q.zeroPoint(0)));
            } else {
                sb.append('{')
                        .append(Float.toString(q.scale()))
                        .append(':')
                        .append(q.zeroPoint())
                        .append('}');
            }
        }
        return sb.toString();
    }

    private static String join(long[] v) {
        StringBuilder sb = new StringBuilder();
        for (long x : v) {
            sb.append(sb.length() > 0 ? " " : "").append(x);
        }
        return sb.toString();
    }

    private static String join(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (float x : v) {
            sb.append(sb.length() > 0 ? " " : "").append(Float.toString(x));
        }
        return sb.toString();
    }
}
