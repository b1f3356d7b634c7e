package dev.vela.maven;

import java.io.File;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Makes {@code -Dvela.*} on the command line win over the pom. Maven injects a parameter's user property
 * only when the pom does not configure the parameter, so {@code -Dvela.signingKey=...} on a project whose pom
 * sets {@code <signingKey>} would otherwise be silently ignored: exactly how an authority running the gate on
 * a vendor's project would end up signing with the vendor's key, seed or case budget. Each override is logged.
 */
final class CommandLineOverrides {

    private final Properties userProperties;
    private final File baseDir;
    private final List<String> problems;
    private final Consumer<String> log;

    /**
     * @param userProperties the session's user properties ({@code -D} on the command line)
     * @param baseDir what relative file names resolve against (the project's directory, as Maven does)
     * @param problems where unparsable values are reported
     * @param log where overrides are announced
     */
    CommandLineOverrides(Properties userProperties, File baseDir, List<String> problems, Consumer<String> log) {
        this.userProperties = userProperties;
        this.baseDir = baseDir;
        this.problems = problems;
        this.log = log;
    }

    /**
     * @param property the user property, e.g. {@code vela.seed}
     * @param element the pom element it shadows, e.g. {@code seed}
     * @param pomValue the value Maven injected (from the pom, or from the property when the pom is silent)
     * @param parse reads the property's text, throwing IllegalArgumentException when it cannot
     * @param <T> the parameter's type
     * @return the command line's value when given, else {@code pomValue}
     */
    <T> T apply(String property, String element, T pomValue, Function<String, T> parse) {
        String text = userProperties.getProperty(property);
        if (text == null) {
            return pomValue;
        }
        T value;
        try {
            value = parse.apply(text.trim());
        } catch (IllegalArgumentException e) {
            problems.add("-D" + property + "=" + text + " is not a valid <" + element + ">: " + e.getMessage());
            return pomValue;
        }
        if (pomValue != null && !pomValue.equals(value)) {
            log.accept("-D" + property + "=" + text + " overrides <" + element + ">" + pomValue + "</" + element
                    + "> of the pom");
        }
        return value;
    }

    /** @return a parser of integers */
    static Function<String, Integer> integers() {
        return Integer::valueOf;
    }

    /** @return a parser of longs */
    static Function<String, Long> longs() {
        return Long::valueOf;
    }

    /** @return a parser of {@code true}/{@code false} (an empty value, as in {@code -Dvela.attach}, is true) */
    static Function<String, Boolean> booleans() {
        return s -> {
            if (s.isEmpty() || s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("expected true or false");
        };
    }

    /** @return a parser of file names, relative ones resolved against the base directory */
    Function<String, File> files() {
        return s -> {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty file name");
            }
            File f = new File(s);
            return f.isAbsolute() ? f : new File(baseDir, s);
        };
    }
}
