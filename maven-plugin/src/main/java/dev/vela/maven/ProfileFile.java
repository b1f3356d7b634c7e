package dev.vela.maven;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A certification profile kept outside any pom ({@code -Dvela.profile=edge-2026.properties}), so the
 * admission authority applies its own profile to a vendor's project or jar without editing the vendor's
 * pom. Keys: {@code name}, {@code ops}, {@code dataTypes}, {@code checks} (comma-separated lists, empty:
 * all), {@code tolerance}, {@code requireAll}. It replaces the pom's {@code <profile>}, and the pom's
 * latency budgets and tolerance overrides with it (the authority's run uses the kit's defaults for those):
 * a vendor's pom cannot loosen the authority's run.
 */
final class ProfileFile {

    private static final Set<String> KEYS = Set.of("name", "ops", "dataTypes", "checks", "tolerance", "requireAll");

    private ProfileFile() {}

    /**
     * @param file the properties file
     * @param problems where unknown keys and bad values are reported, naming the file
     * @return the profile, or null when the file cannot be read (a problem says why)
     */
    static CertificationProfile read(Path file, List<String> problems) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            problems.add("profile file " + file + " cannot be read: " + e);
            return null;
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            problems.add(
                    "profile file " + file + ": unknown keys " + unknown + " (known: " + new TreeSet<>(KEYS) + ")");
        }
        CertificationProfile profile = new CertificationProfile();
        if (p.getProperty("name") == null) {
            problems.add("profile file " + file + ": 'name' is required (it is recorded in the certificate)");
        } else {
            profile.setName(p.getProperty("name").trim());
        }
        profile.setOps(list(p.getProperty("ops")));
        profile.setDataTypes(list(p.getProperty("dataTypes")));
        profile.setChecks(list(p.getProperty("checks")));
        if (p.getProperty("tolerance") != null) {
            profile.setTolerance(p.getProperty("tolerance").trim());
        }
        String requireAll = p.getProperty("requireAll", "false").trim();
        if (!requireAll.equals("true") && !requireAll.equals("false")) {
            problems.add("profile file " + file + ": requireAll must be true or false, got '" + requireAll + "'");
        }
        profile.setRequireAll(requireAll.equals("true"));
        return profile;
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .forEach(out::add);
        }
        return out;
    }
}
