package dev.vela.runtime.cli;

import com.google.gson.stream.JsonWriter;
import dev.vela.runtime.Model;
import dev.vela.runtime.bench.ReportJsonWriter;
import dev.vela.runtime.convert.Conversion;
import dev.vela.runtime.convert.ModelComparison;
import dev.vela.runtime.convert.OtherModelComparison;
import dev.vela.runtime.convert.OutputAgreement;
import dev.vela.runtime.convert.SampleInputs;
import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.pack.RequiredDefinitions;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Pass;
import dev.vela.runtime.passes.PassTiming;
import dev.vela.runtime.passes.Passes;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.runtime.profile.NodeTypes;
import dev.vela.runtime.quantize.CalibrationMethod;
import dev.vela.runtime.quantize.QuantizationPass;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vela convert IN(.onnx|.tflite) -o OUT.vela [--passes ...] [--quantize int8|dynamic] [--calibration DIR | --validation DIR]
 * [--report R.json]}: converts a model to a {@code .vela} package and reports, per output, how the converted model's
 * results compare with the original's on sample inputs, plus size, MACs and time per pass.
 */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = "Convert an ONNX or TFLite model to a .vela package and compare it with the original.")
final class ConvertCommand implements Callable<Integer> {

    private static final int BAR = 30;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "the model to convert (.onnx, .tflite)")
    private Path input;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT.vela",
            description = "the package to write")
    private Path output;

    @Option(
            names = "--passes",
            split = ",",
            paramLabel = "PASS",
            description = "passes to run, in order (default: the default list; 'none' for no pass); known: "
                    + "remove-identity, fold-constants, fold-batchnorm, cancel-transposes, layout-nhwc, layout-nchw, fuse-activations, fuse-qdq, "
                    + "eliminate-dead-code, infer-shapes")
    private List<String> passes;

    @Option(
            names = "--quantize",
            paramLabel = "int8|dynamic|int4",
            description = "post-training quantization: int8 (static, calibrated on --calibration), dynamic "
                    + "(int8 weights, activations quantized on the fly as TFLite's dynamic-range kernels do) or "
                    + "int4 (int4 weights only, float compute)")
    private String quantize;

    @Option(
            names = "--block-size",
            paramLabel = "N",
            defaultValue = "0",
            description = "with --quantize int4: 0 for one scale per output channel (default), else one scale per "
                    + "block of N weights along the reduction axis")
    private int blockSize;

    @Option(
            names = "--calibration-method",
            paramLabel = "minmax|percentile",
            defaultValue = "minmax",
            description = "how calibrated ranges are chosen (default ${DEFAULT-VALUE})")
    private String calibrationMethod;

    @Option(
            names = "--percentile",
            paramLabel = "P",
            defaultValue = "99.99",
            description = "share of values the percentile method keeps (default ${DEFAULT-VALUE})")
    private double percentile;

    @Option(
            names = "--calibration",
            paramLabel = "DIR",
            description = "samples (.npy per sample, or a directory of <input>.npy per sample); also used for the "
                    + "comparison when no --validation is given")
    private Path calibration;

    @Option(names = "--validation", paramLabel = "DIR", description = "samples for the comparison")
    private Path validation;

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "8",
            description = "random samples for the comparison when no directory is given (default ${DEFAULT-VALUE})")
    private int randomSamples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "seed of the random samples")
    private long seed;

    @Option(
            names = "--describe",
            paramLabel = "NAME=TEXT",
            description = "a description of an input or output, stored in the package; repeat for each")
    private Map<String, String> descriptions = new LinkedHashMap<>();

    @Option(
            names = "--config",
            paramLabel = "CONFIG.KEY=VALUE",
            description = "a setting of a named configuration stored in the package (e.g. npu.provider=acme); repeat")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--int8-io",
            description = "with --quantize int8: int8 graph inputs and outputs (calibrated "
                    + "parameters) instead of float ones")
    private boolean int8Io;

    @Option(
            names = "--compare-with",
            paramLabel = "MODEL",
            description = "another version of the model (e.g. the official int8 .tflite) run on the same samples: "
                    + "its agreement with the converted model and with the original")
    private Path compareWith;

    @Option(names = "--report", paramLabel = "R.json", description = "also write the report as JSON")
    private Path report;

    /** The plugins, trust and (--numerics) the integer numerics the package is converted for. */
    @Mixin
    private ProviderOptions providers;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PluginSet set = providers.load();
        ProviderOptions.warn(set, err);
        Partitioner partitioner = providers.partitioner(set);
        List<Pass> chosen;
        try {
            chosen = new ArrayList<>(
                    passes == null
                            ? Passes.defaults()
                            : passes.equals(List.of("none")) ? List.of() : Passes.byNames(passes));
        } catch (IllegalArgumentException e) {
            err.println("vela convert: " + e.getMessage());
            return 2;
        }
        if (int8Io && !"int8".equals(quantize)) {
            err.println("vela convert: --int8-io needs --quantize int8");
            return 2;
        }
        QuantizationPass quantization = null;
        String calibrationOrigin = null;
        if (quantize != null) {
            QuantizationPass.Mode mode = switch (quantize) {
                case "int8" -> QuantizationPass.Mode.INT8;
                case "dynamic" -> QuantizationPass.Mode.DYNAMIC;
                case "int4" -> QuantizationPass.Mode.INT4;
                default -> null;
            };
            CalibrationMethod method = switch (calibrationMethod) {
                case "minmax" -> CalibrationMethod.MINMAX;
                case "percentile" -> CalibrationMethod.PERCENTILE;
                default -> null;
            };
            if (mode == null || method == null) {
                err.println("vela convert: --quantize takes int8, dynamic or int4 and --calibration-method minmax or "
                        + "percentile, got " + quantize + " / " + calibrationMethod);
                return 2;
            }
            if (blockSize < 0 || blockSize != 0 && mode != QuantizationPass.Mode.INT4) {
                err.println("vela convert: --block-size takes a block length >= 0 and only with --quantize int4, got "
                        + blockSize);
                return 2;
            }
            if (mode == QuantizationPass.Mode.INT8 && calibration == null) {
                err.println("vela convert: --quantize int8 needs --calibration DIR (representative inputs)");
                return 2;
            }
            List<Map<String, Tensor>> calibrationSamples = mode == QuantizationPass.Mode.INT8
                    ? SampleInputs.fromDirectory(
                            calibration, Model.load(input, partitioner).inputs())
                    : List.of();
            int runs = calibrationSamples.size() * (method == CalibrationMethod.PERCENTILE ? 2 : 1);
            quantization = new QuantizationPass(
                            mode, calibrationSamples, method, percentile, done -> bar(err, "calibrating", done, runs))
                    .withInt8Io(int8Io)
                    .withBlockSize(blockSize)
                    .withProviders(partitioner);
            chosen.add(quantization);
            calibrationOrigin = mode == QuantizationPass.Mode.DYNAMIC
                    ? "none (dynamic range)"
                    : mode == QuantizationPass.Mode.INT4
                            ? "none (int4 weights, "
                                    + (blockSize == 0 ? "per channel)" : "blocks of " + blockSize + ")")
                            : calibrationSamples.size() + " samples from " + calibration + " (" + calibrationMethod
                                    + (method == CalibrationMethod.PERCENTILE ? " " + percentile : "") + ")";
        }
        if (providers.numerics != null) {
            chosen.add(dev.vela.runtime.passes.NumericsFlavourStamp.pass(ProviderOptions.flavour(providers.numerics)));
        }
        Map<String, Map<String, String>> configurations = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot <= 0 || dot == e.getKey().length() - 1) {
                err.println("vela convert: --config " + e.getKey() + " must be CONFIG.KEY=VALUE");
                return 2;
            }
            configurations
                    .computeIfAbsent(e.getKey().substring(0, dot), k -> new LinkedHashMap<>())
                    .put(e.getKey().substring(dot + 1), e.getValue());
        }
        Conversion c;
        try {
            c = Conversion.run(input, output, chosen, descriptions, configurations, partitioner);
        } catch (IllegalArgumentException e) {
            err.println("vela convert: " + e.getMessage());
            return 2;
        }
        Model original = Model.load(input, partitioner);
        Model converted = Model.load(output, partitioner);
        Path sampleDir = validation != null ? validation : calibration;
        List<Map<String, Tensor>> samples = sampleDir != null
                ? SampleInputs.fromDirectory(sampleDir, original.inputs())
                : SampleInputs.random(original.inputs(), randomSamples, seed);
        if (samples.isEmpty()) {
            throw new ModelFormatException("no samples to compare with (--samples must be at least 1)");
        }
        String origin = sampleDir != null
                ? samples.size() + " samples from " + sampleDir
                : samples.size() + " random samples (seed " + seed + ")";
        ModelComparison cmp =
                ModelComparison.run(original, converted, samples, done -> progress(err, done, samples.size()));
        long macsBefore = macs(cmp.typesBefore());
        long macsAfter = macs(cmp.typesAfter());
        out.println("converted " + input.getFileName() + " -> " + output);
        out.printf(
                Locale.ROOT,
                "size: %d -> %d bytes; nodes: %d -> %d; MACs: %d -> %d%n",
                c.sizeBefore(),
                c.sizeAfter(),
                c.before().nodes().size(),
                c.after().nodes().size(),
                macsBefore,
                macsAfter);
        String needed = RequiredDefinitions.of(c.after());
        if (!needed.isEmpty()) {
            out.println("custom operators kept, definitions recorded: " + needed.replace(",", ", "));
        }
        out.println("passes:");
        for (PassTiming t : c.timings()) {
            out.printf(
                    Locale.ROOT,
                    "  %-20s %8.2f ms  nodes %d -> %d%n",
                    t.name(),
                    t.millis(),
                    t.nodesBefore(),
                    t.nodesAfter());
        }
        if (quantization != null) {
            out.println("quantization: " + quantize + (int8Io ? " (int8 inputs and outputs)" : "") + "; calibration: "
                    + calibrationOrigin);
            out.println("kept float: "
                    + (quantization.keptFloat().isEmpty() ? "none" : String.join(", ", quantization.keptFloat())));
            if (!quantization.customNodes().isEmpty()) {
                out.println("custom operators left as they are (not quantized): "
                        + String.join(", ", quantization.customNodes()));
            }
        }
        out.println("outputs, converted vs original on " + origin + ":");
        for (OutputAgreement o : cmp.outputs()) {
            out.printf(
                    Locale.ROOT,
                    "  %-24s maxAbsError %.3g  meanAbsError %.3g  cosine %.6f%s%n",
                    o.name(),
                    o.maxAbsError(),
                    o.meanAbsError(),
                    o.cosine(),
                    Double.isNaN(o.top1Agreement())
                            ? ""
                            : String.format(Locale.ROOT, "  top1Agreement %.1f%%", 100 * o.top1Agreement()));
        }
        OtherModelComparison other = null;
        if (compareWith != null) {
            try {
                other = OtherModelComparison.run(original, converted, Model.load(compareWith, partitioner), samples);
            } catch (IllegalArgumentException e) {
                err.println("vela convert: --compare-with: " + e.getMessage());
                return 2;
            }
            out.println("compared with " + compareWith.getFileName() + " on the same samples:");
            for (int i = 0; i < other.convertedVsOther().size(); i++) {
                OutputAgreement mine = other.convertedVsOther().get(i);
                OutputAgreement theirs = other.otherVsOriginal().get(i);
                out.printf(
                        Locale.ROOT,
                        "  %-24s converted vs it: cosine %.6f%s; it vs original: cosine %.6f%s%n",
                        mine.name(),
                        mine.cosine(),
                        top1(mine),
                        theirs.cosine(),
                        top1(theirs));
            }
        }
        out.flush();
        if (report != null) {
            Files.writeString(
                    report,
                    json(c, cmp, macsBefore, macsAfter, origin, quantization, calibrationOrigin, other),
                    StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static void progress(PrintWriter err, int done, int total) {
        bar(err, "comparing", done, total);
    }

    /** Redrawn in place on a console; a redirected stderr (a CI log) gets only the finished bar, once. */
    private static void bar(PrintWriter err, String what, int done, int total) {
        boolean console = System.console() != null;
        if (!console && done != total) {
            return;
        }
        int filled = total == 0 ? BAR : done * BAR / total;
        err.print((console ? "\r" : "") + what + " [" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + done
                + "/" + total);
        if (done == total) {
            err.println();
        }
        err.flush();
    }

    private static long macs(List<NodeTypes> nodes) {
        long total = 0;
        for (NodeTypes n : nodes) {
            total += Macs.of(n);
        }
        return total;
    }

    private String json(
            Conversion c,
            ModelComparison cmp,
            long macsBefore,
            long macsAfter,
            String origin,
            QuantizationPass quantization,
            String calibrationOrigin,
            OtherModelComparison other) {
        return ReportJsonWriter.spaced(j -> {
                    j.beginObject()
                            .name("source")
                            .value(input.getFileName().toString())
                            .name("samples")
                            .value(origin);
                    if (quantization != null) {
                        j.name("quantization")
                                .beginObject()
                                .name("mode")
                                .value(quantize)
                                .name("calibration")
                                .value(calibrationOrigin);
                        strings(j.name("keptFloat"), quantization.keptFloat());
                        strings(j.name("customNodes"), quantization.customNodes());
                        j.endObject();
                    }
                    j.name("outputs").beginArray();
                    for (OutputAgreement o : cmp.outputs()) {
                        j.beginObject()
                                .name("name")
                                .value(o.name())
                                .name("maxAbsError")
                                .value(o.maxAbsError())
                                .name("meanAbsError")
                                .value(o.meanAbsError())
                                .name("cosine")
                                .value(o.cosine())
                                .name("top1Agreement")
                                .value(o.top1Agreement())
                                .endObject();
                    }
                    j.endArray();
                    if (other != null) {
                        j.name("compareWith")
                                .beginObject()
                                .name("model")
                                .value(compareWith.getFileName().toString())
                                .name("outputs")
                                .beginArray();
                        for (int i = 0; i < other.convertedVsOther().size(); i++) {
                            OutputAgreement mine = other.convertedVsOther().get(i);
                            OutputAgreement theirs = other.otherVsOriginal().get(i);
                            j.beginObject()
                                    .name("name")
                                    .value(mine.name())
                                    .name("cosine")
                                    .value(mine.cosine())
                                    .name("top1Agreement")
                                    .value(mine.top1Agreement())
                                    .name("otherVsOriginalCosine")
                                    .value(theirs.cosine())
                                    .name("otherVsOriginalTop1Agreement")
                                    .value(theirs.top1Agreement())
                                    .endObject();
                        }
                        j.endArray().endObject();
                    }
                    beforeAfter(j, "sizeBytes", c.sizeBefore(), c.sizeAfter());
                    beforeAfter(j, "macs", macsBefore, macsAfter);
                    beforeAfter(
                            j,
                            "nodes",
                            c.before().nodes().size(),
                            c.after().nodes().size());
                    j.name("passes").beginArray();
                    for (PassTiming t : c.timings()) {
                        j.beginObject()
                                .name("name")
                                .value(t.name())
                                .name("ms")
                                .value(t.millis())
                                .name("nodesBefore")
                                .value(t.nodesBefore())
                                .name("nodesAfter")
                                .value(t.nodesAfter())
                                .endObject();
                    }
                    j.endArray().endObject();
                })
                + "\n";
    }

    private static void strings(JsonWriter j, List<String> values) throws IOException {
        j.beginArray();
        for (String v : values) {
            j.value(v);
        }
        j.endArray();
    }

    private static void beforeAfter(JsonWriter j, String name, long before, long after) throws IOException {
        j.name(name)
                .beginObject()
                .name("before")
                .value(before)
                .name("after")
                .value(after)
                .endObject();
    }

    private static String top1(OutputAgreement o) {
        return Double.isNaN(o.top1Agreement())
                ? ""
                : String.format(Locale.ROOT, " top1Agreement %.1f%%", 100 * o.top1Agreement());
    }

    /** JSON has no NaN or infinity: those are null (NaN top-1: not a classifier; infinite error: a NaN mismatch). */
}
