package dev.vela.runtime.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Fetches model files over HTTP(S) into the store's download area and installs them. A download is bounded (the
 * request's size limit and the store's free quota, checked against {@code Content-Length} before reading and while
 * reading), verified (SHA-256 of the whole file against the expected one) and resumable: an interrupted download
 * leaves its partial file, and the next attempt for the same file asks for the rest with an HTTP {@code Range}
 * request (starting over when the server answers with the whole file).
 */
public final class ModelDownloader {

    private static final int COMPANION_LIMIT = 16 << 20;

    private final HttpClient client;
    private final String userAgent;
    private final Duration timeout;

    /** A downloader with a 10 s connect timeout and a 10 min request timeout. */
    public ModelDownloader() {
        this("vela-models", Duration.ofMinutes(10));
    }

    /**
     * @param userAgent sent with every request (a fleet agent names its device)
     * @param timeout the most one request may take
     */
    public ModelDownloader(String userAgent, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.userAgent = userAgent;
        this.timeout = timeout;
    }

    /**
     * Downloads, verifies and installs.
     *
     * @param store where to install
     * @param r what to fetch
     * @return the installed version's metadata
     */
    ModelMetadata downloadAndInstall(ModelStore store, DownloadRequest r) throws IOException {
        String id = r.name() + "@" + r.version();
        long free = store.quotaBytes() - store.usedBytes();
        long limit = Math.min(r.maxBytes(), free);
        Path part = store.downloadsDirectory().resolve(r.sha256() + ".part");
        fetch(id, r.url(), part, limit, r.maxBytes() > free);
        String actual = Hashing.sha256(part);
        if (!actual.equals(r.sha256())) {
            Files.deleteIfExists(part);
            throw new ModelStoreException("download of " + id + " refused: SHA-256 mismatch: expected " + r.sha256()
                    + ", got " + actual + " from " + r.url() + " (the partial file was discarded)");
        }
        Path selfTest = null;
        Path signature = null;
        try {
            if (r.selfTestUrl().isPresent()) {
                selfTest = store.downloadsDirectory().resolve(r.sha256() + ".selftest.json");
                Files.deleteIfExists(selfTest);
                fetch(id + " self-test", r.selfTestUrl().get(), selfTest, Math.min(COMPANION_LIMIT, free), false);
            }
            if (r.signatureUrl().isPresent()) {
                signature = store.downloadsDirectory().resolve(r.sha256() + ".sig.json");
                Files.deleteIfExists(signature);
                fetch(id + " signature", r.signatureUrl().get(), signature, 1 << 16, false);
            }
            InstallRequest install = new InstallRequest(
                    r.name(),
                    r.version(),
                    part,
                    r.url().toString(),
                    Optional.ofNullable(selfTest),
                    Optional.ofNullable(signature),
                    r.requiredPlugins(),
                    r.factory());
            return store.install(install);
        } finally {
            Files.deleteIfExists(part);
            if (selfTest != null) {
                Files.deleteIfExists(selfTest);
            }
            if (signature != null) {
                Files.deleteIfExists(signature);
            }
        }
    }

    /**
     * Fetches url into file, resuming from file's current length when it exists.
     *
     * @param quotaBound whether the limit comes from the store's quota (for the message)
     */
    void fetch(String id, URI url, Path file, long limit, boolean quotaBound) throws IOException {
        long have = Files.exists(file) ? Files.size(file) : 0;
        if (have > limit) {
            Files.delete(file);
            have = 0;
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("User-Agent", userAgent)
                .GET();
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelStoreException("download of " + id + " interrupted", e);
        } catch (IOException e) {
            throw new ModelStoreException("download of " + id + " failed: cannot fetch " + url + ": " + e, e);
        }
        try (InputStream body = resp.body()) {
            int status = resp.statusCode();
            boolean append;
            if (status == 206 && have > 0 && rangeStart(resp).orElse(-1) == have) {
                append = true;
            } else if (status == 200) {
                append = false;
                have = 0;
            } else if (status == 416 && have > 0) {
                return; // the partial file is already whole; the hash check decides
            } else {
                throw new ModelStoreException("download of " + id + " failed: HTTP " + status + " from " + url);
            }
            OptionalLong length = resp.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && have + length.getAsLong() > limit) {
                Files.deleteIfExists(file);
                throw tooLarge(id, url, have + length.getAsLong(), limit, quotaBound);
            }
            copy(id, url, body, file, append, have, limit, quotaBound);
        }
    }

    private static OptionalLong rangeStart(HttpResponse<?> resp) {
        Optional<String> cr = resp.headers().firstValue("Content-Range"); // bytes 100-199/200
        if (cr.isEmpty() || !cr.get().startsWith("bytes ")) {
            return OptionalLong.empty();
        }
        String spec = cr.get().substring(6);
        int dash = spec.indexOf('-');
        try {
            return dash < 0
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(spec.substring(0, dash).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void copy(
            String id, URI url, InputStream body, Path file, boolean append, long have, long limit, boolean quotaBound)
            throws IOException {
        long total = have;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int n; (n = body.read(buf)) > 0; ) {
                total += n;
                if (total > limit) {
                    out.close();
                    Files.deleteIfExists(file);
                    throw tooLarge(id, url, total, limit, quotaBound);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the partial file stays: the next attempt resumes from it with a Range request
            throw new ModelStoreException(
                    "download of " + id + " interrupted after " + total + " bytes from " + url + " (" + e.getMessage()
                            + "); retrying resumes",
                    e);
        }
    }

    private static ModelStoreException tooLarge(String id, URI url, long size, long limit, boolean quotaBound) {
        String msg = "download of " + id + " refused: " + url + " is larger than "
                + (quotaBound
                        ? "the store's free space (" + limit + " bytes)"
                        : "the size limit of " + limit + " bytes")
                + " (at least " + size + " bytes); the partial file was discarded";
        return quotaBound ? new StoreFullException(msg) : new ModelStoreException(msg);
    }
}
