package dev.vela.runtime.store;

import static dev.vela.runtime.store.StoreFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDownloaderTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private byte[] model;
    private String sha;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropFirst = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        model = StoreFixtures.addModel(2);
        sha = Hashing.sha256(model);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/m.onnx", this::serveModel);
        server.createContext(
                "/chunked.onnx",
                ex -> { // no Content-Length: the limit applies while reading
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(model);
                    }
                });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Honours Range; when asked, the first response announces the whole file but stops halfway. */
    private void serveModel(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "-" : range);
        int from = 0;
        if (range != null && range.startsWith("bytes=")) {
            from = Integer.parseInt(range.substring(6, range.indexOf('-')));
            ex.getResponseHeaders()
                    .add("Content-Range", "bytes " + from + "-" + (model.length - 1) + "/" + model.length);
            ex.sendResponseHeaders(206, model.length - from);
        } else {
            ex.sendResponseHeaders(200, model.length);
        }
        OutputStream out = ex.getResponseBody();
        if (dropFirst.getAndDecrement() > 0) {
            out.write(model, from, (model.length - from) / 2);
            out.flush();
            ex.getHttpContext().getServer(); // keep the reference; the exchange is abandoned below
            ex.close(); // closes the connection mid-body
            return;
        }
        out.write(model, from, model.length - from);
        out.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void downloadsVerifiesAndInstalls() throws Exception {
        ModelManager m = ModelManager.open(store(dir.resolve("store"), 1 << 20));
        ModelMetadata meta = m.download(DownloadRequest.of("detector", "2.0", url("/m.onnx"), sha, 1 << 20));
        assertThat(meta.sha256()).isEqualTo(sha);
        assertThat(meta.source()).isEqualTo(url("/m.onnx").toString());
        // a repeated download of the same content does not fetch again
        m.download(DownloadRequest.of("detector", "2.0", url("/m.onnx"), sha, 1 << 20));
        assertThat(ranges).hasSize(1);
    }

    @Test
    void aShaMismatchIsRefusedAndNothingIsKept() throws Exception {
        ModelManager m = ModelManager.open(store(dir.resolve("store"), 1 << 20));
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> m.download(DownloadRequest.of("detector", "2.0", url("/m.onnx"), wrong, 1 << 20)))
                .hasMessageContaining(
                        "download of detector@2.0 refused: SHA-256 mismatch: expected " + wrong + ", got " + sha);
        assertThat(m.store().list()).isEmpty();
        try (Stream<Path> s = Files.list(dir.resolve("store/tmp/downloads"))) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void theSizeLimitIsEnforcedWithAndWithoutContentLength() throws Exception {
        ModelManager m = ModelManager.open(store(dir.resolve("store"), 1 << 20));
        assertThatThrownBy(() -> m.download(DownloadRequest.of("d", "1", url("/m.onnx"), sha, model.length - 1)))
                .hasMessageContaining("is larger than the size limit of " + (model.length - 1) + " bytes");
        assertThatThrownBy(() -> m.download(DownloadRequest.of("d", "1", url("/chunked.onnx"), sha, 16)))
                .hasMessageContaining("is larger than the size limit of 16 bytes");
        assertThat(m.store().list()).isEmpty();
        // the store's free space bounds a download as well
        ModelManager tiny = ModelManager.open(store(dir.resolve("tiny"), 40));
        assertThatThrownBy(() -> tiny.download(DownloadRequest.of("d", "1", url("/m.onnx"), sha, 1 << 20)))
                .isInstanceOf(StoreFullException.class)
                .hasMessageContaining("larger than the store's free space");
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        ModelManager m = ModelManager.open(store(dir.resolve("store"), 1 << 20));
        dropFirst.set(1);
        DownloadRequest r = DownloadRequest.of("detector", "2.0", url("/m.onnx"), sha, 1 << 20);
        assertThatThrownBy(() -> m.download(r))
                .hasMessageContaining("interrupted after")
                .hasMessageContaining("retrying resumes");
        assertThat(m.store().list()).isEmpty();
        ModelMetadata meta = m.download(r);
        assertThat(meta.sha256()).isEqualTo(sha);
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(1)).isEqualTo("bytes=" + model.length / 2 + "-");
    }

    @Test
    void aSignedModelDownloadsWithItsSignatureAndSelfTestAndAnUnsignedOneIsRefused() throws Exception {
        Path priv = ModelSigner.generate(dir.resolve("keys"), "authority");
        Path pub = dir.resolve("keys/authority.pub.pem");
        byte[] selfTest = Files.readAllBytes(StoreFixtures.writeSelfTest(dir, "st.json", 2));
        byte[] sig = ModelSigner.read(priv, pub)
                .sign("detector", "2.0", sha, model.length, Hashing.sha256(selfTest))
                .toJson()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server.createContext("/m.sig.json", ex -> {
            ex.sendResponseHeaders(200, sig.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(sig);
            }
        });
        server.createContext("/m.selftest.json", ex -> {
            ex.sendResponseHeaders(200, selfTest.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(selfTest);
            }
        });
        ModelStore signed = ModelStore.open(
                dir.resolve("signed"),
                1 << 20,
                SignaturePolicy.require(dev.vela.spi.admission.TrustStore.load(pub)),
                StoreFixtures.store(dir.resolve("x"), 1).partitioner());
        ModelManager m = ModelManager.open(signed);
        DownloadRequest unsigned = DownloadRequest.of("detector", "2.0", url("/m.onnx"), sha, 1 << 20);
        assertThatThrownBy(() -> m.download(unsigned)).hasMessageContaining("detector@2.0 refused: unsigned");
        ModelMetadata meta = m.download(unsigned.withCompanions(
                java.util.Optional.of(url("/m.selftest.json")), java.util.Optional.of(url("/m.sig.json"))));
        assertThat(signed.signer(meta)).isPresent();
        assertThat(signed.selfTest(meta)).isPresent();
    }

    @Test
    void httpErrorsAndBadRequestsAreNamed() throws Exception {
        ModelManager m = ModelManager.open(store(dir.resolve("store"), 1 << 20));
        assertThatThrownBy(() -> m.download(DownloadRequest.of("d", "1", url("/missing"), sha, 1 << 20)))
                .hasMessageContaining("download of d@1 failed: HTTP 404 from " + url("/missing"));
        assertThatThrownBy(() -> DownloadRequest.of("d", "1", URI.create("file:///etc/passwd"), sha, 10))
                .hasMessageContaining("download URL must be http:// or https://");
        assertThatThrownBy(() -> DownloadRequest.of("d", "1", url("/m.onnx"), "abc", 10))
                .hasMessageContaining("expected SHA-256 must be 64 hex digits");
    }
}
