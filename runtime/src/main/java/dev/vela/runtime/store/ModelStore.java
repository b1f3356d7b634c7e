package dev.vela.runtime.store;

import dev.vela.runtime.Model;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.pack.VelaPackage;
import dev.vela.runtime.partition.Partitioner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The models on a device, in a directory: {@code models/<name>/<version>/} holds the model file, {@code meta.json}
 * and optionally {@code selftest.json} and {@code signature.json}; {@code models/<name>/factory} names the factory
 * version; {@code apps.json} holds the app bindings; {@code tmp/} stages installs and downloads.
 *
 * <p>An install is atomic: everything is written and fsynced in a staging directory inside the store, then the
 * directory is renamed into place in one step, so a crash leaves either no version or a complete one, never a
 * half-written model. Installs are bounded by a disk quota. The store is thread-safe; it does not load models for
 * serving (that is {@link ModelManager}'s).
 */
public final class ModelStore {

    private static final String META = "meta.json";
    private static final String SELF_TEST = "selftest.json";
    private static final String SIGNATURE = "signature.json";
    private static final String FACTORY = "factory";
    private static final String APPS = "apps.json";

    private final Path root;
    private final Path models;
    private final Path tmp;
    private final long quotaBytes;
    private final SignaturePolicy signatures;
    private final Partitioner partitioner;

    private ModelStore(Path root, long quotaBytes, SignaturePolicy signatures, Partitioner partitioner) {
        this.root = root;
        this.models = root.resolve("models");
        this.tmp = root.resolve("tmp");
        this.quotaBytes = quotaBytes;
        this.signatures = signatures;
        this.partitioner = partitioner;
    }

    /**
     * Opens (creating if needed) a store and discards the leftovers of interrupted installs.
     *
     * @param root the store directory
     * @param quotaBytes the most bytes its models may occupy
     * @param signatures whether and whose signatures are required
     * @param partitioner the providers models are checked against at install
     * @return the store
     * @throws IOException if the directory cannot be created
     */
    public static ModelStore open(Path root, long quotaBytes, SignaturePolicy signatures, Partitioner partitioner)
            throws IOException {
        if (quotaBytes <= 0) {
            throw new ModelStoreException("store quota must be positive, got " + quotaBytes);
        }
        ModelStore s = new ModelStore(root, quotaBytes, signatures, partitioner);
        Files.createDirectories(s.models);
        Files.createDirectories(s.tmp);
        try (Stream<Path> leftovers = Files.list(s.tmp)) {
            for (Path p : leftovers.toList()) {
                if (p.getFileName().toString().startsWith("install-")) {
                    deleteTree(p);
                }
            }
        }
        return s;
    }

    /** @return the store directory */
    public Path root() {
        return root;
    }

    /** @return the quota in bytes */
    public long quotaBytes() {
        return quotaBytes;
    }

    /** @return the providers models are checked against */
    public Partitioner partitioner() {
        return partitioner;
    }

    /** @return the signature policy */
    public SignaturePolicy signaturePolicy() {
        return signatures;
    }

    /** @return where downloads keep their partial files (inside the store, so a finished one moves atomically) */
    Path downloadsDirectory() throws IOException {
        return Files.createDirectories(tmp.resolve("downloads"));
    }

    /**
     * Installs a model version atomically.
     *
     * @param request what to install
     * @return the installed version's metadata (the existing one when the same content was installed before)
     * @throws ModelStoreException when refused (bad name, format, signature, conflicting content) — the store is
     *     unchanged
     * @throws StoreFullException when it does not fit the quota
     * @throws IOException when the disk fails
     */
    public synchronized ModelMetadata install(InstallRequest request) throws IOException {
        String id = request.name() + "@" + request.version();
        Path target = versionDir(request.name(), request.version());
        Files.createDirectories(tmp);
        Path stage = Files.createTempDirectory(tmp, "install-");
        try {
            long budget = quotaBytes - usedBytes();
            Path staged = stage.resolve("model.bin");
            MessageDigest digest = Hashing.sha256();
            long size = copyBounded(id, request.file(), staged, digest, budget);
            String sha = Hashing.hex(digest);
            String format = formatOf(staged);
            Path modelFile = stage.resolve("model." + format);
            Files.move(staged, modelFile);
            String selfTestSha = "";
            if (request.selfTest().isPresent()) {
                Path st = stage.resolve(SELF_TEST);
                MessageDigest d = Hashing.sha256();
                size += copyBounded(id + " self-test", request.selfTest().get(), st, d, budget - size);
                selfTestSha = Hashing.hex(d);
                SelfTest.fromJson(
                        request.selfTest().get().getFileName().toString(),
                        Files.readString(st, StandardCharsets.UTF_8)); // malformed vectors are refused now
            }
            Optional<ModelSignature> sig = Optional.empty();
            if (request.signature().isPresent()) {
                Path src = request.signature().get();
                sig = Optional.of(ModelSignature.fromJson(src.toString(), readSmall(src, 1 << 16)));
            }
            signatures.check(request.name(), request.version(), sha, Files.size(modelFile), selfTestSha, sig);
            Optional<ModelMetadata> existing = metadata(request.name(), request.version());
            if (existing.isPresent()) {
                if (existing.get().sha256().equals(sha)
                        && existing.get().selfTestSha256().equals(selfTestSha)) {
                    return existing.get(); // the same install again does nothing (idempotent fleet commands)
                }
                throw new ModelStoreException(id + " is already installed with different content (SHA-256 "
                        + existing.get().sha256() + ", this file " + sha + "): a version's content never changes;"
                        + " install it under a new version");
            }
            Model loaded = load(id, modelFile);
            List<String> operators = operatorsOf(loaded);
            // the flavour a .vela package was converted for (D15); tflm for every other model
            ModelMetadata meta = new ModelMetadata(
                    request.name(),
                    request.version(),
                    sha,
                    Files.size(modelFile),
                    format,
                    request.source(),
                    operators,
                    request.requiredPlugins(),
                    loaded.numerics().label(),
                    selfTestSha,
                    Instant.now().toString());
            if (sig.isPresent()) {
                writeSynced(stage.resolve(SIGNATURE), sig.get().toJson());
            }
            writeSynced(stage.resolve(META), meta.toJson());
            long total = treeSize(stage);
            if (usedBytes() + total > quotaBytes) {
                throw full(id, total);
            }
            fsync(stage);
            Files.createDirectories(target.getParent());
            Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
            fsync(target.getParent());
            if (request.factory() || factoryVersion(request.name()).isEmpty()) {
                setFactory(request.name(), request.version());
            }
            return meta;
        } catch (AtomicMoveNotSupportedException e) {
            throw new ModelStoreException(root + ": the file system cannot rename atomically; a store needs one", e);
        } finally {
            if (Files.exists(stage)) {
                deleteTree(stage);
            }
        }
    }

    private StoreFullException full(String id, long size) throws IOException {
        return new StoreFullException("store full: " + id + " needs " + size + " bytes but the quota is " + quotaBytes
                + " bytes and " + usedBytes() + " are used; remove unbound versions ('vela models gc') or raise"
                + " the quota");
    }

    /** Copies at most budget bytes, hashing what is written; refuses (store full) beyond. */
    private long copyBounded(String id, Path from, Path to, MessageDigest digest, long budget) throws IOException {
        long size;
        try {
            size = Files.size(from);
        } catch (NoSuchFileException e) {
            throw new ModelStoreException(id + ": no such file " + from);
        }
        if (size > budget) {
            throw full(id, size);
        }
        long copied = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(from);
                FileChannel ch = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                copied += n;
                if (copied > budget) { // the file grew while being copied
                    throw full(id, copied);
                }
                digest.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            out.flush();
            ch.force(true);
        }
        return copied;
    }

    private static String readSmall(Path file, int limit) throws IOException {
        if (Files.size(file) > limit) {
            throw new ModelStoreException(file + ": larger than " + limit + " bytes");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String formatOf(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (VelaPackage.hasMagic(head)) {
            return "vela";
        }
        if (head.length == 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L' && head[7] == '3') {
            return "tflite";
        }
        return "onnx";
    }

    /** Loads the staged copy (never the caller's file, which may change) to check it and list its operators. */
    private Model load(String id, Path modelFile) {
        try {
            return Model.load(modelFile, partitioner);
        } catch (RuntimeException e) {
            throw new ModelStoreException(id + " refused: " + e.getMessage().replace(modelFile.toString(), "model"), e);
        }
    }

    private static List<String> operatorsOf(Model model) {
        TreeSet<String> ops = new TreeSet<>();
        for (GraphNode n : model.graph().nodes()) {
            ops.add(n.op().toString());
        }
        return List.copyOf(ops);
    }

    /**
     * @param name model name
     * @param version version
     * @return its metadata, when installed
     * @throws IOException when it cannot be read
     */
    public synchronized Optional<ModelMetadata> metadata(String name, ModelVersion version) throws IOException {
        Path meta = versionDir(name, version).resolve(META);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        return Optional.of(ModelMetadata.fromJson(meta.toString(), Files.readString(meta, StandardCharsets.UTF_8)));
    }

    /**
     * @param name model name
     * @param version version
     * @return its metadata
     * @throws ModelStoreException naming what is installed when it is not
     * @throws IOException when it cannot be read
     */
    public synchronized ModelMetadata require(String name, ModelVersion version) throws IOException {
        Optional<ModelMetadata> m = metadata(name, version);
        if (m.isPresent()) {
            return m.get();
        }
        List<ModelVersion> versions = versions(name);
        throw new ModelStoreException(
                versions.isEmpty()
                        ? "unknown model '" + name + "': not installed (installed: " + names() + ")"
                        : "model " + name + " has no version " + version + " (installed: " + versions + ")");
    }

    /** @return the installed model names, sorted */
    public synchronized List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(models)) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    /**
     * @param name a model name
     * @return its installed versions, ascending
     */
    public synchronized List<ModelVersion> versions(String name) throws IOException {
        Path dir = models.resolve(ModelMetadata.checkName(name, "model"));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(META)))
                    .map(p -> ModelVersion.of(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    /** @return every installed version's metadata, by name then version */
    public synchronized List<ModelMetadata> list() throws IOException {
        List<ModelMetadata> all = new ArrayList<>();
        for (String n : names()) {
            for (ModelVersion v : versions(n)) {
                metadata(n, v).ifPresent(all::add);
            }
        }
        return all;
    }

    /**
     * The content of an installed version's model file, after checking it hashes to its recorded SHA-256. The bytes
     * checked are the bytes returned, so a file altered on the device is refused, and one altered after the check
     * is never loaded.
     *
     * @param meta the version
     * @return the file's content
     * @throws ModelStoreException when it was altered
     */
    public byte[] verifiedBytes(ModelMetadata meta) throws IOException {
        Path file = versionDir(meta.name(), meta.version()).resolve("model." + meta.format());
        if (Files.size(file) != meta.size()) {
            throw new ModelStoreException(meta.id() + " refused: its file in the store was altered (" + Files.size(file)
                    + " bytes, installed as " + meta.size() + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        String actual = Hashing.sha256(bytes);
        if (!actual.equals(meta.sha256())) {
            throw new ModelStoreException(meta.id() + " refused: its file in the store was altered (SHA-256 " + actual
                    + ", installed as " + meta.sha256() + ")");
        }
        return bytes;
    }

    /**
     * @param meta the version
     * @return its self-test, if one shipped (checked against its recorded hash)
     */
    public Optional<SelfTest> selfTest(ModelMetadata meta) throws IOException {
        if (meta.selfTest().isEmpty()) {
            return Optional.empty();
        }
        Path file = versionDir(meta.name(), meta.version()).resolve(SELF_TEST);
        byte[] bytes = Files.readAllBytes(file);
        if (!Hashing.sha256(bytes).equals(meta.selfTestSha256())) {
            throw new ModelStoreException(meta.id() + " refused: its self-test in the store was altered");
        }
        return Optional.of(SelfTest.fromJson(file.toString(), new String(bytes, StandardCharsets.UTF_8)));
    }

    /**
     * @param meta the version
     * @return whether it was installed with a signature, and by which key
     */
    public Optional<String> signer(ModelMetadata meta) throws IOException {
        Path file = versionDir(meta.name(), meta.version()).resolve(SIGNATURE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(
                ModelSignature.fromJson(file.toString(), Files.readString(file)).keyId());
    }

    /**
     * @param name a model name
     * @return its factory version, if it has one
     */
    public synchronized Optional<ModelVersion> factoryVersion(String name) throws IOException {
        Path f = models.resolve(ModelMetadata.checkName(name, "model")).resolve(FACTORY);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(
                ModelVersion.of(Files.readString(f, StandardCharsets.UTF_8).trim()));
    }

    /**
     * Makes an installed version the one Reset returns to.
     *
     * @param name model name
     * @param version an installed version
     */
    public synchronized void setFactory(String name, ModelVersion version) throws IOException {
        require(name, version);
        writeAtomically(models.resolve(name).resolve(FACTORY), version.text());
    }

    /**
     * Removes a version that no app runs and that is not the factory version.
     *
     * @param name model name
     * @param version version
     * @return the removed version's metadata
     * @throws ModelStoreException naming the apps that run it, or when it is the factory version
     */
    public synchronized ModelMetadata remove(String name, ModelVersion version) throws IOException {
        ModelMetadata meta = require(name, version);
        List<String> apps = bindings().stream()
                .filter(b -> b.model().equals(name) && b.version().equals(version))
                .map(AppBinding::app)
                .toList();
        if (!apps.isEmpty()) {
            throw new ModelStoreException("cannot remove " + meta.id() + ": apps " + apps + " run it; reload them to"
                    + " another version first");
        }
        if (factoryVersion(name).filter(version::equals).isPresent()) {
            throw new ModelStoreException(
                    "cannot remove " + meta.id() + ": it is the factory version that reset" + " returns to");
        }
        // renamed out of sight first, so the version disappears in one step even if deleting is interrupted
        Path doomed = tmp.resolve("install-removed-" + name + "-" + version + "-" + System.nanoTime());
        Files.move(versionDir(name, version), doomed, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(doomed);
        Path modelDir = models.resolve(name);
        if (versions(name).isEmpty()) {
            Files.deleteIfExists(modelDir.resolve(FACTORY));
            try {
                Files.deleteIfExists(modelDir);
            } catch (DirectoryNotEmptyException e) {
                // something else lives there; keep it
            }
        }
        return meta;
    }

    /**
     * Removes every version that no app runs and that is not its model's factory version.
     *
     * @return what was removed
     */
    public synchronized List<ModelMetadata> gc() throws IOException {
        List<ModelMetadata> removed = new ArrayList<>();
        List<AppBinding> bound = bindings();
        for (ModelMetadata m : list()) {
            boolean used = bound.stream()
                    .anyMatch(b -> b.model().equals(m.name()) && b.version().equals(m.version()));
            boolean factory =
                    factoryVersion(m.name()).filter(m.version()::equals).isPresent();
            if (!used && !factory) {
                removed.add(remove(m.name(), m.version()));
            }
        }
        return removed;
    }

    /** @return the bytes the installed versions occupy */
    public synchronized long usedBytes() throws IOException {
        return treeSize(models);
    }

    private static long treeSize(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** @return the persisted app bindings, by app then model */
    public synchronized List<AppBinding> bindings() throws IOException {
        Path f = root.resolve(APPS);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        JsonDoc d = JsonDoc.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
        List<AppBinding> list = new ArrayList<>();
        for (JsonDoc b : d.objects("bindings")) {
            list.add(AppBinding.fromDoc(b));
        }
        return list;
    }

    /**
     * Replaces the persisted app bindings atomically.
     *
     * @param bindings every binding
     */
    public synchronized void saveBindings(List<AppBinding> bindings) throws IOException {
        List<Object> list = new ArrayList<>();
        bindings.stream()
                .sorted(Comparator.comparing(AppBinding::app).thenComparing(AppBinding::model))
                .forEach(b -> list.add(b.toMap()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("bindings", list);
        writeAtomically(this.root.resolve(APPS), StoreJson.write(root));
    }

    private Path versionDir(String name, ModelVersion version) {
        return models.resolve(ModelMetadata.checkName(name, "model")).resolve(version.text());
    }

    private void writeAtomically(Path target, String text) throws IOException {
        Path t = Files.createTempFile(tmp, "install-write-", ".tmp");
        try {
            writeSynced(t, text);
            Files.move(t, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsync(target.getParent());
        } finally {
            Files.deleteIfExists(t);
        }
    }

    private static void writeSynced(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
    }

    /** Makes a directory's entries durable (a rename is only durable once its directory is synced). */
    static void fsync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory for syncing; the rename itself is still atomic
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
