package dev.vela.maven;

import java.util.List;

/** The pom's vela configuration is invalid; the message lists every problem found. */
final class ConfigurationProblem extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param problems one sentence each
     */
    ConfigurationProblem(List<String> problems) {
        super("invalid vela configuration:\n  - " + String.join("\n  - ", problems));
    }
}
