package dev.vela.runtime.plugin;

import dev.vela.spi.VelaException;

/** Strict admission failed: something of the plugins directory was refused, or nothing of it admitted. */
public final class AdmissionRefusedException extends VelaException {

    private static final long serialVersionUID = 1L;

    private final transient PluginSet plugins;

    AdmissionRefusedException(String message, PluginSet plugins) {
        super(message);
        this.plugins = plugins;
    }

    /** @return what was admitted and refused */
    public PluginSet plugins() {
        return plugins;
    }
}
