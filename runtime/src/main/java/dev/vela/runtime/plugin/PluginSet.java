package dev.vela.runtime.plugin;

import java.util.List;

/**
 * What a {@link PluginLoader} admitted and refused.
 *
 * @param admitted the admitted providers, the reference provider included
 * @param refusals everything refused, with reasons
 * @param warnings warnings to print on every run (uncertified plugins admitted in development mode)
 * @param developmentMode whether uncertified plugins were allowed
 */
public record PluginSet(
        List<AdmittedProvider> admitted, List<Refusal> refusals, List<String> warnings, boolean developmentMode) {

    /** Copies the lists. */
    public PluginSet {
        admitted = List.copyOf(admitted);
        refusals = List.copyOf(refusals);
        warnings = List.copyOf(warnings);
    }
}
