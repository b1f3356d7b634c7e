package dev.vela.samples.nativenpu.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ConvBenchmark}, {@link GemmBenchmark} and {@link AddBenchmark} (or those named by a JMH
 * include pattern among the arguments) and prints, per layer and dispatch path, the time per call
 * and GOP/s (2 operations per multiply-accumulate; output elements per ns for Add). Arguments are
 * JMH's own (e.g. {@code GemmBenchmark -p layer=fc-1x640-128 -p isa=avx512-vnni}).
 */
public final class ConvBenchmarkMain {

    private ConvBenchmarkMain() {}

    /**
     * @param args JMH command-line options
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(ConvBenchmark.class.getName())
                    .include(GemmBenchmark.class.getName())
                    .include(AddBenchmark.class.getName());
        }
        print(new Runner(options.build()).run());
    }

    private static void print(Collection<RunResult> results) {
        System.out.println();
        // the best iteration shows what the kernel does when the machine is not shared; the mean is JMH's score
        System.out.printf(
                Locale.ROOT,
                "%-26s %-12s %10s %10s %10s %12s %12s%n",
                "layer",
                "path",
                "MOP/call",
                "us/call",
                "best us",
                "GOP/s",
                "best GOP/s");
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String isa = r.getParams().getParam("isa");
            String layer;
            double ops;
            if (bench.endsWith("AddBenchmark.add")) {
                layer = "add-" + r.getParams().getParam("shape");
                ops = AddBenchmark.elements(r.getParams().getParam("shape"));
            } else if (bench.endsWith("GemmBenchmark.gemm")) {
                layer = r.getParams().getParam("layer");
                ops = FcLayer.byName(layer).ops();
            } else {
                layer = r.getParams().getParam("layer");
                ops = ConvLayer.byName(layer).ops();
            }
            double callsPerSecond = r.getPrimaryResult().getScore();
            double best = 0;
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    best = Math.max(best, i.getPrimaryResult().getScore());
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-26s %-12s %10.3f %10.2f %10.2f %12.1f %12.1f%n",
                    layer,
                    isa,
                    ops / 1e6,
                    1e6 / callsPerSecond,
                    1e6 / best,
                    ops * callsPerSecond / 1e9,
                    ops * best / 1e9);
        }
    }
}
