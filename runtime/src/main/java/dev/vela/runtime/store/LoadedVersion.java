package dev.vela.runtime.store;

import dev.vela.runtime.Model;

/**
 * A model version loaded once and shared by every app that runs it (a {@link Model} is immutable and thread-safe;
 * each app has its own sessions). Counted so the manager forgets it when no app generation holds it any more.
 */
final class LoadedVersion {

    private final ModelMetadata metadata;
    private final Model model;
    private int holders;

    LoadedVersion(ModelMetadata metadata, Model model) {
        this.metadata = metadata;
        this.model = model;
    }

    ModelMetadata metadata() {
        return metadata;
    }

    Model model() {
        return model;
    }

    /** Guarded by the manager's lock. */
    void retain() {
        holders++;
    }

    /** Guarded by the manager's lock. @return whether nothing holds it any more */
    boolean release() {
        return --holders == 0;
    }
}
