package dev.vela.runtime.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to Query: every installed model version with the apps that run it, and every app with the versions it
 * runs.
 *
 * @param models per installed version: its metadata, whether it is the factory version, the apps running it
 * @param apps the bindings, by app
 * @param problems per app/model slot that does not load, why
 * @param usedBytes bytes the store occupies
 * @param quotaBytes the store's quota
 */
public record StoreQuery(
        List<ModelEntry> models, List<AppBinding> apps, Map<String, String> problems, long usedBytes, long quotaBytes) {

    /**
     * One installed version.
     *
     * @param metadata its metadata
     * @param factory whether Reset returns to it
     * @param apps the apps running it
     */
    public record ModelEntry(ModelMetadata metadata, boolean factory, List<String> apps) {}

    static StoreQuery of(ModelStore store, List<AppBinding> bindings, Map<String, String> problems) throws IOException {
        List<ModelEntry> entries = new ArrayList<>();
        for (ModelMetadata m : store.list()) {
            boolean factory =
                    store.factoryVersion(m.name()).filter(m.version()::equals).isPresent();
            List<String> apps = bindings.stream()
                    .filter(b -> b.model().equals(m.name()) && b.version().equals(m.version()))
                    .map(AppBinding::app)
                    .sorted()
                    .toList();
            entries.add(new ModelEntry(m, factory, apps));
        }
        return new StoreQuery(
                List.copyOf(entries),
                List.copyOf(bindings),
                Map.copyOf(problems),
                store.usedBytes(),
                store.quotaBytes());
    }

    /** @return the versions an app runs, by model */
    public Map<String, ModelVersion> versionsOf(String app) {
        Map<String, ModelVersion> m = new LinkedHashMap<>();
        apps.stream().filter(b -> b.app().equals(app)).forEach(b -> m.put(b.model(), b.version()));
        return m;
    }

    /** @return the JSON form (what {@code vela models query --json} prints and the fleet agent publishes) */
    public Map<String, Object> toMap() {
        List<Object> ms = new ArrayList<>();
        for (ModelEntry e : models) {
            Map<String, Object> m = e.metadata().toMap();
            m.put("factory", e.factory());
            m.put("apps", e.apps());
            ms.add(m);
        }
        List<Object> as = new ArrayList<>();
        apps.forEach(b -> as.add(b.toMap()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("models", ms);
        root.put("apps", as);
        root.put("problems", new LinkedHashMap<>(problems));
        root.put("usedBytes", usedBytes);
        root.put("quotaBytes", quotaBytes);
        return root;
    }

    /** @return the JSON text */
    public String toJson() {
        return StoreJson.write(toMap());
    }

    /** @return a human-readable table: models, then apps */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "%-20s %-12s %-8s %-7s %10s  %-16s %s%n",
                "model", "version", "format", "factory", "bytes", "sha256", "apps"));
        for (ModelEntry e : models) {
            ModelMetadata m = e.metadata();
            sb.append(String.format(
                    "%-20s %-12s %-8s %-7s %10d  %-16s %s%n",
                    m.name(),
                    m.version(),
                    m.format(),
                    e.factory() ? "yes" : "",
                    m.size(),
                    m.sha256().substring(0, 16),
                    e.apps().isEmpty() ? "-" : String.join(",", e.apps())));
        }
        sb.append(String.format("%n%-20s %-20s %-12s %s%n", "app", "model", "version", "accepts"));
        for (AppBinding b : apps) {
            sb.append(String.format("%-20s %-20s %-12s %s%n", b.app(), b.model(), b.version(), b.constraint()));
        }
        problems.forEach(
                (k, v) -> sb.append("PROBLEM ").append(k).append(": ").append(v).append('\n'));
        sb.append(String.format("%nstore: %d of %d bytes used%n", usedBytes, quotaBytes));
        return sb.toString();
    }
}
