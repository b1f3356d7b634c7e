package dev.vela.runtime.store;

import dev.vela.runtime.Model;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The device side of model management: serves inferences for apps from the {@link ModelStore}, and runs the
 * commands query, download/install, reload, reset, remove and gc.
 *
 * <p>A model version used by several apps is loaded once and shared; each app has its own sessions. A reload is hot:
 * the new version is loaded, admitted (every operator has an admitted provider, every plugin it requires is
 * admitted) and self-tested (when test vectors shipped with it) before any app switches; then new inferences start
 * on it while those in flight finish on the old version. If any step fails nothing is switched and the error says
 * which step and why. Commands run one at a time; inferences run concurrently with them and with each other.
 */
public final class ModelManager implements AutoCloseable {

    private final ModelStore store;
    private final ModelDownloader downloader;
    /** Guards {@link #loaded} only, so an inference finishing never waits for a command. */
    private final Object loadedLock = new Object();

    private final Map<String, LoadedVersion> loaded = new HashMap<>();
    private final Map<String, AtomicReference<Generation>> slots = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    /** The bindings as persisted; replaced (not mutated) under this manager's lock. */
    private volatile List<AppBinding> bindings;

    private ModelManager(ModelStore store, ModelDownloader downloader) {
        this.store = store;
        this.downloader = downloader;
    }

    /**
     * Opens the manager over a store and loads every bound version. A bound version that no longer loads (its file
     * was altered, a plugin it needs is gone) does not stop the others: its app reports the reason on every
     * inference and in {@link #problems()} until it is reloaded or reset.
     *
     * @param store the store
     * @param downloader how downloads fetch
     * @return the manager
     * @throws IOException when the store cannot be read
     */
    public static ModelManager open(ModelStore store, ModelDownloader downloader) throws IOException {
        ModelManager m = new ModelManager(store, downloader);
        m.bindings = store.bindings();
        synchronized (m) {
            for (AppBinding b : m.bindings) {
                try {
                    ModelMetadata meta = store.require(b.model(), b.version());
                    m.slot(b.app(), b.model()).set(m.generation(m.loadChecked(meta)));
                } catch (RuntimeException | IOException e) {
                    m.problems.put(key(b.app(), b.model()), b.modelId() + " does not load: " + e.getMessage());
                }
            }
        }
        return m;
    }

    /**
     * @param store the store
     * @return a manager that downloads with default limits
     * @throws IOException when the store cannot be read
     */
    public static ModelManager open(ModelStore store) throws IOException {
        return open(store, new ModelDownloader());
    }

    /** @return the store */
    public ModelStore store() {
        return store;
    }

    /** @return per app/model slot that could not be loaded at open, the reason */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    private static String key(String app, String model) {
        return app + "/" + model;
    }

    private AtomicReference<Generation> slot(String app, String model) {
        return slots.computeIfAbsent(key(app, model), k -> new AtomicReference<>());
    }

    // ---------------------------------------------------------------- inference

    /**
     * Runs one inference for an app on the version of the model it runs now.
     *
     * @param app the app
     * @param model one of its models
     * @param inputs the inputs by name
     * @return the outputs and the version that produced them
     * @throws ModelStoreException when the app or model is unknown, naming what exists
     */
    public Inference run(String app, String model, Map<String, Tensor> inputs) {
        AtomicReference<Generation> ref = slots.get(key(app, model));
        if (ref == null || ref.get() == null) {
            throw unknownBinding(app, model);
        }
        while (true) {
            Generation g = ref.get();
            if (g == null) {
                throw unknownBinding(app, model);
            }
            if (g.tryAcquire()) {
                try {
                    return new Inference(model, g.loaded().metadata().version(), g.run(inputs));
                } finally {
                    g.release();
                }
            }
            // a reload retired g between reading and acquiring it: the slot holds the new generation now
        }
    }

    private ModelStoreException unknownBinding(String app, String model) {
        String problem = problems.get(key(app, model));
        if (problem != null) {
            return new ModelStoreException("app " + app + " cannot run " + model + ": " + problem);
        }
        List<AppBinding> of = bindings.stream().filter(b -> b.app().equals(app)).toList();
        if (of.isEmpty()) {
            return new ModelStoreException("unknown app '" + app + "' (apps: " + apps() + ")");
        }
        return new ModelStoreException("app " + app + " does not use model '" + model + "' (it uses "
                + of.stream().map(AppBinding::model).toList() + ")");
    }

    /**
     * The model object an app runs now (shared: apps running the same version get the same object).
     *
     * @param app the app
     * @param model one of its models
     * @return the loaded model
     */
    public Model loadedModel(String app, String model) {
        AtomicReference<Generation> ref = slots.get(key(app, model));
        Generation g = ref == null ? null : ref.get();
        if (g == null) {
            throw unknownBinding(app, model);
        }
        return g.loaded().model();
    }

    /** @return the number of distinct model versions loaded */
    public int loadedVersionCount() {
        synchronized (loadedLock) {
            return loaded.size();
        }
    }

    // ---------------------------------------------------------------- apps

    /** @return the declared apps, sorted */
    public List<String> apps() {
        return bindings.stream().map(AppBinding::app).distinct().sorted().toList();
    }

    /** @return every app's bindings */
    public List<AppBinding> bindings() {
        return bindings;
    }

    /**
     * Declares (or re-declares) an app and the models it uses. Each model gets the version another app already
     * runs when the constraint accepts it (so it is shared), else the highest installed version it accepts; a model
     * the app used before keeps its version when still accepted. All or nothing.
     *
     * @param app the app's name
     * @param uses per model name, the versions accepted
     * @return the app's bindings
     * @throws ModelStoreException when a model is unknown or no installed version is accepted, naming them
     */
    public synchronized List<AppBinding> declareApp(String app, Map<String, VersionConstraint> uses)
            throws IOException {
        ModelMetadata.checkName(app, "app");
        if (uses.isEmpty()) {
            throw new ModelStoreException("app " + app + " declares no models");
        }
        List<AppBinding> mine = new ArrayList<>();
        for (Map.Entry<String, VersionConstraint> e : uses.entrySet()) {
            mine.add(new AppBinding(app, e.getKey(), e.getValue(), chooseVersion(app, e.getKey(), e.getValue())));
        }
        Map<String, Generation> prepared = new LinkedHashMap<>();
        try {
            for (AppBinding b : mine) {
                Optional<AppBinding> before = binding(app, b.model());
                if (before.isEmpty() || !before.get().version().equals(b.version())) {
                    prepared.put(b.model(), generation(loadChecked(store.require(b.model(), b.version()))));
                }
            }
        } catch (RuntimeException | IOException e) {
            prepared.values().forEach(Generation::retire);
            throw e;
        }
        List<AppBinding> next = new ArrayList<>(
                bindings.stream().filter(b -> !b.app().equals(app)).toList());
        next.addAll(mine);
        List<String> dropped = bindings.stream()
                .filter(b -> b.app().equals(app) && !uses.containsKey(b.model()))
                .map(AppBinding::model)
                .toList();
        commit(
                next,
                prepared.entrySet().stream()
                        .collect(LinkedHashMap::new, (m, e) -> m.put(key(app, e.getKey()), e.getValue()), Map::putAll),
                dropped.stream().map(model -> key(app, model)).toList());
        return mine;
    }

    private ModelVersion chooseVersion(String app, String model, VersionConstraint c) throws IOException {
        List<ModelVersion> installed = store.versions(model);
        if (installed.isEmpty()) {
            throw new ModelStoreException(
                    "app " + app + " uses unknown model '" + model + "' (installed: " + store.names() + ")");
        }
        Optional<AppBinding> mine = binding(app, model);
        if (mine.isPresent() && c.accepts(mine.get().version())) {
            return mine.get().version();
        }
        Optional<ModelVersion> shared = bindings.stream()
                .filter(b -> b.model().equals(model))
                .map(AppBinding::version)
                .filter(c::accepts)
                .max(ModelVersion::compareTo);
        if (shared.isPresent()) {
            return shared.get();
        }
        return installed.stream()
                .filter(c::accepts)
                .max(ModelVersion::compareTo)
                .orElseThrow(() -> new ModelStoreException("app " + app + " accepts " + model + " " + c
                        + " but no installed version matches (installed: " + installed + ")"));
    }

    private Optional<AppBinding> binding(String app, String model) {
        return bindings.stream()
                .filter(b -> b.app().equals(app) && b.model().equals(model))
                .findFirst();
    }

    /**
     * Forgets an app; the versions it ran stay installed (gc removes them when no other app runs them).
     *
     * @param app the app
     */
    public synchronized void removeApp(String app) throws IOException {
        List<String> models = bindings.stream()
                .filter(b -> b.app().equals(app))
                .map(AppBinding::model)
                .toList();
        if (models.isEmpty()) {
            throw new ModelStoreException("unknown app '" + app + "' (apps: " + apps() + ")");
        }
        commit(
                bindings.stream().filter(b -> !b.app().equals(app)).toList(),
                Map.of(),
                models.stream().map(m -> key(app, m)).toList());
    }

    // ---------------------------------------------------------------- commands

    /**
     * Installs a local model file (see {@link ModelStore#install}).
     *
     * @param request what to install
     * @return its metadata
     */
    public ModelMetadata install(InstallRequest request) throws IOException {
        return store.install(request);
    }

    /**
     * Downloads and installs a model version.
     *
     * @param request what to fetch
     * @return its metadata
     * @throws ModelStoreException when the download is refused (size limit, SHA-256 mismatch, HTTP error) or the
     *     install is
     */
    public ModelMetadata download(DownloadRequest request) throws IOException {
        if (store.metadata(request.name(), request.version())
                .filter(m -> m.sha256().equals(request.sha256()))
                .isPresent()) {
            return store.require(request.name(), request.version()); // a repeated download does nothing
        }
        return downloader.downloadAndInstall(store, request);
    }

    /**
     * Switches one app, or every app that uses the model, to an installed version, hot.
     *
     * @param model the model
     * @param version the version to run
     * @param app one app, or empty for every app using the model
     * @return what switched
     * @throws ModelStoreException when the model, version or app is unknown, an app's constraint refuses the
     *     version (naming the app), or loading, admission or the self-test fails; nothing is switched then
     */
    public synchronized ReloadResult reload(String model, ModelVersion version, Optional<String> app)
            throws IOException {
        ModelMetadata meta = store.require(model, version);
        List<AppBinding> targets = bindings.stream()
                .filter(b -> b.model().equals(model) && app.map(b.app()::equals).orElse(true))
                .toList();
        if (targets.isEmpty()) {
            if (app.isPresent()) {
                throw unknownBinding(app.get(), model);
            }
            throw new ModelStoreException("no app uses model " + model + " (apps: " + apps() + "); declare one first");
        }
        List<String> conflicts = new ArrayList<>();
        for (AppBinding b : targets) {
            if (!b.constraint().accepts(version)) {
                conflicts.add("app " + b.app() + " accepts " + model + " " + b.constraint());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ModelStoreException("version conflict: cannot switch " + model + " to " + version + ": "
                    + String.join("; ", conflicts) + "; nothing was switched");
        }
        Map<String, ModelVersion> previous = new LinkedHashMap<>();
        List<String> unchanged = new ArrayList<>();
        List<AppBinding> switching = new ArrayList<>();
        for (AppBinding b : targets) {
            if (b.version().equals(version) && !problems.containsKey(key(b.app(), model))) {
                unchanged.add(b.app());
            } else {
                previous.put(b.app(), b.version());
                switching.add(b);
            }
        }
        if (switching.isEmpty()) {
            return new ReloadResult(model, version, previous, unchanged);
        }
        LoadedVersion next;
        try {
            next = loadChecked(meta);
        } catch (ModelStoreException e) {
            throw new ModelStoreException(
                    "reload of " + meta.id() + " rolled back, apps keep " + describe(switching) + ": " + e.getMessage(),
                    e);
        }
        Map<String, Generation> fresh = new LinkedHashMap<>();
        for (AppBinding b : switching) {
            fresh.put(key(b.app(), model), generation(next));
        }
        List<AppBinding> after = bindings.stream()
                .map(b -> switching.contains(b) ? b.withVersion(version) : b)
                .toList();
        commit(after, fresh, List.of());
        return new ReloadResult(model, version, previous, unchanged);
    }

    private static String describe(List<AppBinding> bs) {
        return String.join(
                ", ", bs.stream().map(b -> b.app() + " on " + b.version()).toList());
    }

    /**
     * Returns every app of one model (or of all models) to the factory version, then removes that model's versions
     * no app runs any more (except the factory version).
     *
     * @param model a model, or empty for every model
     * @return what switched, per model
     */
    public synchronized List<ReloadResult> reset(Optional<String> model) throws IOException {
        List<String> models = model.map(List::of).orElseGet(() -> {
            try {
                return store.names();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (model.isPresent() && store.versions(model.get()).isEmpty()) {
            throw new ModelStoreException(
                    "unknown model '" + model.get() + "': not installed (installed: " + store.names() + ")");
        }
        List<ReloadResult> results = new ArrayList<>();
        for (String m : models) {
            ModelVersion factory = store.factoryVersion(m)
                    .orElseThrow(() -> new ModelStoreException("model " + m + " has no factory version to reset to"));
            if (bindings.stream().anyMatch(b -> b.model().equals(m))) {
                results.add(reload(m, factory, Optional.empty()));
            }
            for (ModelVersion v : store.versions(m)) {
                boolean used = bindings.stream()
                        .anyMatch(b -> b.model().equals(m) && b.version().equals(v));
                if (!used && !v.equals(factory)) {
                    store.remove(m, v);
                }
            }
        }
        return results;
    }

    /**
     * Removes a version no app runs (see {@link ModelStore#remove}).
     *
     * @param model the model
     * @param version the version
     * @return its metadata
     */
    public synchronized ModelMetadata remove(String model, ModelVersion version) throws IOException {
        return store.remove(model, version);
    }

    /**
     * Removes every version no app runs, except factory versions.
     *
     * @return what was removed
     */
    public synchronized List<ModelMetadata> gc() throws IOException {
        return store.gc();
    }

    /**
     * @return the state of the store in both directions: per model version the apps that run it, per app the
     *     versions it runs
     */
    public StoreQuery query() throws IOException {
        return StoreQuery.of(store, bindings, problems);
    }

    // ---------------------------------------------------------------- loading

    /** Loads (or reuses) a version after checking its file, admission and self-test; under this manager's lock. */
    private LoadedVersion loadChecked(ModelMetadata meta) throws IOException {
        synchronized (loadedLock) {
            LoadedVersion lv = loaded.get(meta.id());
            if (lv != null) {
                return lv; // loaded, admitted and self-tested when it was first loaded
            }
        }
        Model model;
        try {
            model = Model.fromBytes(meta.id() + "." + meta.format(), store.verifiedBytes(meta), store.partitioner());
        } catch (ModelStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelStoreException("load failed: " + e.getMessage(), e);
        }
        List<String> admitted = store.partitioner().order();
        for (String plugin : meta.plugins()) {
            if (!admitted.contains(plugin)) {
                throw new ModelStoreException("admission failed: " + meta.id() + " requires plugin '" + plugin
                        + "', which is not admitted on this device (admitted providers: " + admitted + ")");
            }
        }
        Optional<SelfTest> test = store.selfTest(meta);
        if (test.isPresent()) {
            try {
                test.get().run(model, meta.id());
            } catch (ModelStoreException e) {
                throw new ModelStoreException("self-test failed: " + e.getMessage(), e);
            }
        }
        return new LoadedVersion(meta, model);
    }

    private Generation generation(LoadedVersion lv) {
        synchronized (loadedLock) {
            LoadedVersion shared = loaded.putIfAbsent(lv.metadata().id(), lv);
            LoadedVersion use = shared == null ? lv : shared;
            use.retain();
            return new Generation(use, this::closed);
        }
    }

    private void closed(LoadedVersion lv) {
        synchronized (loadedLock) {
            if (lv.release()) {
                loaded.remove(lv.metadata().id(), lv);
            }
        }
    }

    /**
     * Persists the new bindings, then switches the slots. If persisting fails nothing switches (the prepared
     * generations are retired), so memory and disk never disagree.
     */
    private void commit(List<AppBinding> next, Map<String, Generation> fresh, List<String> droppedSlots)
            throws IOException {
        try {
            store.saveBindings(next);
        } catch (IOException | RuntimeException e) {
            fresh.values().forEach(Generation::retire);
            throw e;
        }
        bindings = List.copyOf(next);
        for (Map.Entry<String, Generation> e : fresh.entrySet()) {
            Generation old = slot(
                            e.getKey().substring(0, e.getKey().indexOf('/')),
                            e.getKey().substring(e.getKey().indexOf('/') + 1))
                    .getAndSet(e.getValue());
            problems.remove(e.getKey());
            if (old != null) {
                old.retire();
            }
        }
        for (String k : droppedSlots) {
            AtomicReference<Generation> ref = slots.remove(k);
            Generation old = ref == null ? null : ref.getAndSet(null);
            if (old != null) {
                old.retire();
            }
        }
    }

    /** Retires every generation; in-flight inferences finish first. */
    @Override
    public synchronized void close() {
        for (AtomicReference<Generation> ref : slots.values()) {
            Generation g = ref.getAndSet(null);
            if (g != null) {
                g.retire();
            }
        }
        slots.clear();
    }
}
