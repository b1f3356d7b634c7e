package dev.vela.runtime.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * Strict admission ({@link PluginLoader#requireCertified}, {@code --require-certified}): a deployment that ships
 * a plugins directory expects its plugins to run, so a refusal, or a directory none of whose providers was
 * admitted (a wrong or empty trust store, say), is an error rather than a silent fall-back to the reference.
 */
final class StrictAdmission {

    private StrictAdmission() {}

    /**
     * @param set what was admitted and refused
     * @param directory the plugins directory
     * @throws AdmissionRefusedException when anything was refused or nothing of the directory admitted
     */
    static void check(PluginSet set, Path directory) {
        List<Refusal> refusals = set.refusals();
        boolean anyAdmitted = set.admitted().stream().anyMatch(a -> !a.origin().equals(PluginLoader.CLASS_PATH));
        if (refusals.isEmpty() && anyAdmitted) {
            return;
        }
        StringBuilder message = new StringBuilder("certified plugins required (--require-certified), but ");
        if (refusals.isEmpty()) {
            message.append("no provider of plugins directory ")
                    .append(directory)
                    .append(" was admitted");
        } else {
            message.append(refusals.size())
                    .append(" refusal(s) for plugins directory ")
                    .append(directory)
                    .append(':');
            refusals.forEach(r -> message.append("\n  ").append(r));
        }
        throw new AdmissionRefusedException(message.toString(), set);
    }
}
