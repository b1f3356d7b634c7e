package dev.vela.runtime.store;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model version to fetch over HTTP(S) and install.
 *
 * @param name the model's name
 * @param version its version
 * @param url where the model file is
 * @param sha256 the SHA-256 the file must have (lower-case hex)
 * @param maxBytes the largest file accepted; a larger one is refused before or while reading it
 * @param selfTestUrl where its self-test vectors are, if it ships some
 * @param signatureUrl where its model-authority signature is, if signed
 * @param requiredPlugins provider ids that must be admitted before an app may switch to it
 * @param factory whether it becomes the model's factory version
 */
public record DownloadRequest(
        String name,
        ModelVersion version,
        URI url,
        String sha256,
        long maxBytes,
        Optional<URI> selfTestUrl,
        Optional<URI> signatureUrl,
        List<String> requiredPlugins,
        boolean factory) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** Validates. */
    public DownloadRequest {
        ModelMetadata.checkName(name, "model");
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new ModelStoreException("download of " + name + "@" + version + ": expected SHA-256 must be 64 hex"
                    + " digits, got '" + sha256 + "'");
        }
        if (maxBytes <= 0) {
            throw new ModelStoreException(
                    "download of " + name + "@" + version + ": size limit must be positive, got " + maxBytes);
        }
        checkScheme(url);
        selfTestUrl.ifPresent(DownloadRequest::checkScheme);
        signatureUrl.ifPresent(DownloadRequest::checkScheme);
        requiredPlugins = List.copyOf(requiredPlugins);
    }

    private static void checkScheme(URI u) {
        String scheme = u == null || u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new ModelStoreException("download URL must be http:// or https:// with a host, got '" + u + "'");
        }
    }

    /**
     * @param name model name
     * @param version version
     * @param url where it is
     * @param sha256 its expected SHA-256
     * @param maxBytes its size limit
     * @return a request for a model without self-test or signature
     */
    public static DownloadRequest of(String name, String version, URI url, String sha256, long maxBytes) {
        return new DownloadRequest(
                name,
                ModelVersion.of(version),
                url,
                sha256,
                maxBytes,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                false);
    }

    /**
     * @param selfTest where its self-test is
     * @param signature where its signature is
     * @return this request with those companions
     */
    public DownloadRequest withCompanions(Optional<URI> selfTest, Optional<URI> signature) {
        return new DownloadRequest(name, version, url, sha256, maxBytes, selfTest, signature, requiredPlugins, factory);
    }
}
