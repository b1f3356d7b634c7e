package dev.vela.runtime.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the store records about one installed model version ({@code meta.json} beside the model file).
 *
 * @param name the model's name (letters, digits, {@code . _ -})
 * @param version its version
 * @param sha256 SHA-256 of the model file, lower-case hex
 * @param size the model file's size in bytes
 * @param format {@code onnx}, {@code tflite} or {@code vela}
 * @param source where it came from (URL or file name)
 * @param operators the operators its graph uses ({@code domain:Name} or {@code Name}), sorted
 * @param plugins the providers other than the reference that its nodes were placed on when installed
 * @param numerics the integer numerics flavour its quantized nodes mean: what a {@code .vela} package was converted
 *     for, {@code tflm} for other models (D15)
 * @param selfTestSha256 SHA-256 of the shipped self-test vectors, or empty when none shipped
 * @param installedAt when it was installed (ISO-8601 UTC)
 */
public record ModelMetadata(
        String name,
        ModelVersion version,
        String sha256,
        long size,
        String format,
        String source,
        List<String> operators,
        List<String> plugins,
        String numerics,
        String selfTestSha256,
        String installedAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** The numerics flavour of metadata written before flavours were recorded (docs/architecture.md D15). */
    public static final String DEFAULT_NUMERICS = "tflm";

    /** Validates and copies. */
    public ModelMetadata {
        checkName(name, "model");
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new ModelStoreException("model " + name + " " + version + ": sha256 must be 64 lower-case hex digits,"
                    + " got '" + sha256 + "'");
        }
        if (size < 0) {
            throw new ModelStoreException("model " + name + " " + version + ": negative size " + size);
        }
        operators = List.copyOf(operators);
        plugins = List.copyOf(plugins);
        selfTestSha256 = selfTestSha256 == null ? "" : selfTestSha256;
    }

    /**
     * Checks a model or app name, which is also a directory or file name.
     *
     * @param name the name
     * @param what "model" or "app", for the message
     * @return the name
     * @throws ModelStoreException when it is not safe
     */
    public static String checkName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ModelStoreException("invalid " + what + " name '" + name + "': use up to 64 letters, digits and"
                    + " . _ -, starting with a letter or digit");
        }
        return name;
    }

    /** @return name@version, how messages name a model version */
    public String id() {
        return name + "@" + version;
    }

    /** @return the shipped self-test's hash, if one was shipped */
    public Optional<String> selfTest() {
        return selfTestSha256.isEmpty() ? Optional.empty() : Optional.of(selfTestSha256);
    }

    /** @return the fields as an insertion-ordered map (the JSON form) */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("version", version.text());
        m.put("sha256", sha256);
        m.put("size", size);
        m.put("format", format);
        m.put("source", source);
        m.put("operators", operators);
        m.put("plugins", plugins);
        m.put("numerics", numerics);
        m.put("selfTestSha256", selfTestSha256);
        m.put("installedAt", installedAt);
        return m;
    }

    /** @return the canonical JSON form */
    public String toJson() {
        return StoreJson.write(toMap());
    }

    /**
     * @param source the file name, for messages
     * @param json the JSON form
     * @return the metadata
     */
    public static ModelMetadata fromJson(String source, String json) {
        return fromDoc(JsonDoc.parse(source, json));
    }

    /**
     * @param d the JSON object
     * @return the metadata
     */
    public static ModelMetadata fromDoc(JsonDoc d) {
        return new ModelMetadata(
                d.string("name"),
                ModelVersion.of(d.string("version")),
                d.string("sha256"),
                d.longValue("size", -1),
                d.string("format"),
                d.optString("source").orElse(""),
                d.strings("operators"),
                d.strings("plugins"),
                d.optString("numerics").orElse(DEFAULT_NUMERICS),
                d.optString("selfTestSha256").orElse(""),
                d.optString("installedAt").orElse(""));
    }
}
