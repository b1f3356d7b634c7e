package dev.vela.runtime.store;

import dev.vela.spi.admission.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model authority's Ed25519 signature over a model's identity, file hash and shipped self-test (the
 * {@code .sig.json} file beside a model). What is signed is the canonical JSON of {@link #payload()}, the same
 * canonical form plugin certificates are signed in.
 *
 * @param name the model name
 * @param version the model version
 * @param sha256 SHA-256 of the model file
 * @param size the model file's size
 * @param selfTestSha256 SHA-256 of the self-test vectors shipped with it, or empty
 * @param keyId the signing key's id ({@link dev.vela.spi.admission.PublicKeys#keyId})
 * @param valueBase64 the signature, base64
 */
public record ModelSignature(
        String name,
        String version,
        String sha256,
        long size,
        String selfTestSha256,
        String keyId,
        String valueBase64) {

    /** The document format this class reads and writes. */
    public static final String FORMAT = "vela-model-signature/1";

    /** The only accepted algorithm. */
    public static final String ALGORITHM = "Ed25519";

    /** @return the signed fields, in signing order */
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("version", version);
        p.put("sha256", sha256);
        p.put("size", size);
        p.put("selfTestSha256", selfTestSha256 == null ? "" : selfTestSha256);
        return p;
    }

    /** @return exactly the bytes the signature covers */
    public byte[] signedBytes() {
        return Json.write(payload()).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the signature document */
    public String toJson() {
        Map<String, Object> sig = new LinkedHashMap<>();
        sig.put("algorithm", ALGORITHM);
        sig.put("keyId", keyId);
        sig.put("value", valueBase64);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("payload", payload());
        root.put("signature", sig);
        return Json.write(root);
    }

    /**
     * @param source the file name, for messages
     * @param json the signature document
     * @return the signature
     * @throws ModelStoreException naming the source and field when malformed or of another algorithm
     */
    public static ModelSignature fromJson(String source, String json) {
        JsonDoc root = JsonDoc.parse(source, json);
        if (!FORMAT.equals(root.optString("format").orElse(""))) {
            throw new ModelStoreException(source + ": not a model signature (format must be '" + FORMAT + "')");
        }
        JsonDoc p = root.object("payload").orElseThrow(() -> new ModelStoreException(source + ": missing 'payload'"));
        JsonDoc s =
                root.object("signature").orElseThrow(() -> new ModelStoreException(source + ": missing 'signature'"));
        if (!ALGORITHM.equals(s.string("algorithm"))) {
            throw new ModelStoreException(
                    source + ": signature algorithm '" + s.string("algorithm") + "', only Ed25519 is accepted");
        }
        return new ModelSignature(
                p.string("name"),
                p.string("version"),
                p.string("sha256"),
                p.longValue("size", -1),
                p.optString("selfTestSha256").orElse(""),
                s.string("keyId"),
                s.string("value"));
    }
}
