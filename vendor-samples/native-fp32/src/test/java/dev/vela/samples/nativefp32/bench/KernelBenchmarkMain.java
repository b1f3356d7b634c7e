package dev.vela.samples.nativefp32.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link KernelBenchmark} (JMH options as arguments, e.g. {@code -p isa=avx2 -p layer=ad-fc-1x640-128}) and
 * prints per layer and path the time per call, GFLOP/s (2 per multiply-add) as JMH's mean and best iteration,
 * and the best iteration as a share of the core's fp32 FMA peak: {@code -Dvela.peak.gflops=G} (what
 * {@code src/test/cpp/fma_peak.cpp} measures on the machine at hand), by default {@value #DEFAULT_PEAK_GFLOPS}
 * GFLOP/s, the AVX-512 development machine's per-core figure.
 */
public final class KernelBenchmarkMain {

    /** The AVX-512 development machine's single-core fp32 FMA peak. */
    static final double DEFAULT_PEAK_GFLOPS = 249;

    /** The peak the shares are of: {@code -Dvela.peak.gflops}, or {@link #DEFAULT_PEAK_GFLOPS}. */
    static final double PEAK_GFLOPS =
            Double.parseDouble(System.getProperty("vela.peak.gflops", Double.toString(DEFAULT_PEAK_GFLOPS)));

    private KernelBenchmarkMain() {}

    /**
     * @param args JMH command-line options
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(KernelBenchmark.class.getName());
        }
        print(new Runner(options.build()).run());
    }

    private static void print(Collection<RunResult> results) {
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "%-28s %-9s %9s %9s %9s %9s %9s %7s%n",
                "layer",
                "path",
                "MFLOP",
                "us/call",
                "best us",
                "GFLOP/s",
                "best",
                "% peak");
        for (RunResult r : results) {
            Layer l = Layer.byName(r.getParams().getParam("layer"));
            double calls = r.getPrimaryResult().getScore();
            double best = 0;
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    best = Math.max(best, i.getPrimaryResult().getScore());
                }
            }
            double flops = l.flops();
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %-9s %9.3f %9.2f %9.2f %9.1f %9.1f %6.0f%%%n",
                    l.name(),
                    r.getParams().getParam("isa"),
                    flops / 1e6,
                    1e6 / calls,
                    1e6 / best,
                    flops * calls / 1e9,
                    flops * best / 1e9,
                    100 * flops * best / 1e9 / PEAK_GFLOPS);
        }
    }
}
