package dev.vela.samples.nativenpu.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ConvBenchmark} and prints GOP/s (2 operations per multiply-accumulate) per layer and
 * dispatch path. Arguments are JMH's own (e.g. {@code -p layer=pw-14x14x512-512 -p isa=avx512-vnni}).
 */
public final class ConvBenchmarkMain {

    private ConvBenchmarkMain() {
    }

    /**
     * @param args JMH command-line options
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli)
                .include(ConvBenchmark.class.getName()).build()).run();
        print(results);
    }

    private static void print(Collection<RunResult> results) throws RunnerException {
        System.out.println();
        // the best iteration shows what the kernel does when the machine is not shared; the mean is JMH's score
        System.out.printf(Locale.ROOT, "%-26s %-12s %10s %10s %10s %10s%n", "layer", "path", "MOP/call", "calls/s",
                "GOP/s", "best GOP/s");
        for (RunResult r : results) {
            String layer = r.getParams().getParam("layer");
            String isa = r.getParams().getParam("isa");
            double ops = ConvLayer.byName(layer).ops();
            double callsPerSecond = r.getPrimaryResult().getScore();
            double best = 0;
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    best = Math.max(best, i.getPrimaryResult().getScore());
                }
            }
            System.out.printf(Locale.ROOT, "%-26s %-12s %10.1f %10.1f %10.1f %10.1f%n", layer, isa, ops / 1e6,
                    callsPerSecond, ops * callsPerSecond / 1e9, ops * best / 1e9);
        }
    }
}
