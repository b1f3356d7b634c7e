package dev.vela.runtime.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One app's use of one model: the versions it accepts and the version it runs.
 *
 * @param app the app's name
 * @param model the model's name
 * @param constraint the versions the app accepts
 * @param version the version the app runs now (accepted by the constraint)
 */
public record AppBinding(String app, String model, VersionConstraint constraint, ModelVersion version) {

    /** Validates the names and that the version is accepted. */
    public AppBinding {
        ModelMetadata.checkName(app, "app");
        ModelMetadata.checkName(model, "model");
        if (!constraint.accepts(version)) {
            throw new ModelStoreException("app " + app + " accepts " + model + " " + constraint + ", not " + version);
        }
    }

    /**
     * @param v another version
     * @return this binding running v
     */
    public AppBinding withVersion(ModelVersion v) {
        return new AppBinding(app, model, constraint, v);
    }

    /** @return model@version */
    public String modelId() {
        return model + "@" + version;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", app);
        m.put("model", model);
        m.put("constraint", constraint.text());
        m.put("version", version.text());
        return m;
    }

    static AppBinding fromDoc(JsonDoc d) {
        return new AppBinding(
                d.string("app"),
                d.string("model"),
                VersionConstraint.of(d.string("constraint")),
                ModelVersion.of(d.string("version")));
    }
}
