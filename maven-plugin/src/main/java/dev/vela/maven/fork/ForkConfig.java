package dev.vela.maven.fork;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the gate asks the forked JVM to do, passed as a properties file.
 *
 * @param jar the plugin jar whose providers are under test
 * @param reportDir where the JSON, JUnit XML and HTML reports go
 * @param progressFile the memory-mapped {@link Progress} file
 * @param resultFile the {@link ResultFile} to write on completion
 * @param seed the seed of generated cases
 * @param tries cases per check
 * @param secondsPerCheck wall time per check for trying cases
 * @param policyProfile the tolerance profile
 * @param checks the check ids to run
 * @param ops operators in the certification profile (empty: every operator)
 * @param dataTypes data type labels in the profile (empty: every type)
 * @param budgets latency budgets by {@code <op>/<dtype>}: {@code abs:<ms>} or {@code ratio:<x>:<floorMs>}
 * @param toleranceOverrides tightened tolerances: {@code <op>.<dtype>.<key>} to value
 */
public record ForkConfig(
        Path jar,
        Path reportDir,
        Path progressFile,
        Path resultFile,
        long seed,
        int tries,
        int secondsPerCheck,
        String policyProfile,
        List<String> checks,
        Set<String> ops,
        Set<String> dataTypes,
        Map<String, String> budgets,
        Map<String, String> toleranceOverrides) {

    /**
     * @param file where to write
     * @throws IOException if writing fails
     */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("jar", jar.toString());
        p.setProperty("reportDir", reportDir.toString());
        p.setProperty("progressFile", progressFile.toString());
        p.setProperty("resultFile", resultFile.toString());
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("tries", Integer.toString(tries));
        p.setProperty("secondsPerCheck", Integer.toString(secondsPerCheck));
        p.setProperty("policyProfile", policyProfile);
        p.setProperty("checks", String.join(",", checks));
        p.setProperty("ops", String.join(",", ops));
        p.setProperty("dataTypes", String.join(",", dataTypes));
        budgets.forEach((k, v) -> p.setProperty("budget." + k, v));
        toleranceOverrides.forEach((k, v) -> p.setProperty("tolerance." + k, v));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "vela:certify fork configuration");
        }
    }

    /**
     * @param file the file {@link #write} wrote
     * @return the configuration
     * @throws IOException if it cannot be read
     */
    public static ForkConfig read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> budgets = new LinkedHashMap<>();
        Map<String, String> tolerances = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("budget.")) {
                budgets.put(key.substring("budget.".length()), p.getProperty(key));
            } else if (key.startsWith("tolerance.")) {
                tolerances.put(key.substring("tolerance.".length()), p.getProperty(key));
            }
        }
        return new ForkConfig(
                Path.of(p.getProperty("jar")),
                Path.of(p.getProperty("reportDir")),
                Path.of(p.getProperty("progressFile")),
                Path.of(p.getProperty("resultFile")),
                Long.parseLong(p.getProperty("seed")),
                Integer.parseInt(p.getProperty("tries")),
                Integer.parseInt(p.getProperty("secondsPerCheck")),
                p.getProperty("policyProfile"),
                split(p.getProperty("checks")),
                new TreeSet<>(split(p.getProperty("ops"))),
                new TreeSet<>(split(p.getProperty("dataTypes"))),
                budgets,
                tolerances);
    }

    private static List<String> split(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(s.split(","))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList());
    }
}
