package dev.vela.fleet;

import dev.vela.runtime.store.JsonDoc;
import dev.vela.runtime.store.ModelStoreException;
import dev.vela.runtime.store.StoreJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One command to a device. Its {@code id} makes it idempotent (a device that sees an id again answers with the
 * result it gave the first time); its {@code seq}, increasing per controller, orders commands that change what a model
 * serves (a reload older than one already applied is refused as superseded instead of undoing it).
 *
 * @param id unique command id
 * @param seq ordering number: later commands have larger numbers
 * @param type what to do
 * @param model the model (required except for QUERY and a RESET of every model)
 * @param version the version (DOWNLOAD, RELOAD, REMOVE)
 * @param app for RELOAD, the one app to switch (empty: every app using the model)
 * @param url for DOWNLOAD, where the model file is
 * @param sha256 for DOWNLOAD, its SHA-256
 * @param maxBytes for DOWNLOAD, its size limit
 * @param selfTestUrl for DOWNLOAD, where its self-test vectors are
 * @param signatureUrl for DOWNLOAD, where its signature is
 */
public record FleetCommand(
        String id,
        long seq,
        CommandType type,
        String model,
        String version,
        String app,
        String url,
        String sha256,
        long maxBytes,
        String selfTestUrl,
        String signatureUrl) {

    /** The largest command message accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** Checks what the type requires. */
    public FleetCommand {
        if (id == null || !ID.matcher(id).matches()) {
            throw new MalformedCommandException(
                    "command id '" + id + "' is invalid: up to 128 letters, digits and" + " . _ : -");
        }
        if (type == null) {
            throw new MalformedCommandException("command " + id + ": missing type");
        }
        boolean needsModel = type != CommandType.QUERY && type != CommandType.RESET;
        boolean needsVersion = type == CommandType.DOWNLOAD || type == CommandType.RELOAD || type == CommandType.REMOVE;
        if (needsModel && model == null) {
            throw new MalformedCommandException("command " + id + " (" + type + "): missing 'model'");
        }
        if (needsVersion && version == null) {
            throw new MalformedCommandException("command " + id + " (" + type + "): missing 'version'");
        }
        if (type == CommandType.DOWNLOAD && (url == null || sha256 == null)) {
            throw new MalformedCommandException("command " + id + " (DOWNLOAD): needs 'url' and 'sha256'");
        }
    }

    /**
     * @param id command id
     * @param seq ordering number
     * @param type what to do
     * @param model the model, or null
     * @param version the version, or null
     * @return a command without download fields
     */
    public static FleetCommand of(String id, long seq, CommandType type, String model, String version) {
        return new FleetCommand(id, seq, type, model, version, null, null, null, 0, null, null);
    }

    /** @return the app of a RELOAD, if one */
    public Optional<String> targetApp() {
        return Optional.ofNullable(app);
    }

    /** @return the JSON message */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("seq", seq);
        m.put("type", type.name().toLowerCase(Locale.ROOT));
        put(m, "model", model);
        put(m, "version", version);
        put(m, "app", app);
        put(m, "url", url);
        put(m, "sha256", sha256);
        if (maxBytes > 0) {
            m.put("maxBytes", maxBytes);
        }
        put(m, "selfTestUrl", selfTestUrl);
        put(m, "signatureUrl", signatureUrl);
        return StoreJson.write(m);
    }

    private static void put(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /**
     * @param topic where it arrived, for messages
     * @param payload the message
     * @return the command
     * @throws MalformedCommandException saying what is wrong (size, encoding, JSON, field)
     */
    public static FleetCommand parse(String topic, byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new MalformedCommandException(
                    "malformed command on " + topic + ": " + payload.length + " bytes, more than " + MAX_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCommandException("malformed command on " + topic + ": not UTF-8");
        }
        try {
            JsonDoc d = JsonDoc.parse("command on " + topic, text);
            String typeText = d.string("type");
            CommandType type;
            try {
                type = CommandType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MalformedCommandException("malformed command on " + topic + ": unknown type '" + typeText
                        + "' (query, download, reload, reset, remove)");
            }
            return new FleetCommand(
                    d.string("id"),
                    d.longValue("seq", 0),
                    type,
                    d.optString("model").orElse(null),
                    d.optString("version").orElse(null),
                    d.optString("app").orElse(null),
                    d.optString("url").orElse(null),
                    d.optString("sha256").orElse(null),
                    d.longValue("maxBytes", 0),
                    d.optString("selfTestUrl").orElse(null),
                    d.optString("signatureUrl").orElse(null));
        } catch (ModelStoreException e) {
            throw new MalformedCommandException("malformed command: " + e.getMessage());
        }
    }

    /**
     * The id of a message that could not be parsed as a command, when it at least names one, so the sender can
     * match the rejection to what it sent.
     *
     * @param payload the message
     * @return its id field, or {@code unknown}
     */
    static String bestEffortId(byte[] payload) {
        try {
            String text = new String(payload, 0, Math.min(payload.length, MAX_BYTES), StandardCharsets.UTF_8);
            String id = JsonDoc.parse("command", text).optString("id").orElse("unknown");
            return ID.matcher(id).matches() ? id : "unknown";
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
