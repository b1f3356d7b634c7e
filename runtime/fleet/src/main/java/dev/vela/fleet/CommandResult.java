package dev.vela.fleet;

import dev.vela.runtime.store.JsonDoc;
import dev.vela.runtime.store.StoreJson;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A device's answer to one command.
 *
 * @param commandId the command's id ({@code unknown} for a message that named none)
 * @param device the device
 * @param status what happened
 * @param message on success what changed, otherwise why it failed (the store's or the parser's message)
 */
public record CommandResult(String commandId, String device, Status status, String message) {

    /** Outcome of a command. */
    public enum Status {
        /** Done (or already done: commands are idempotent). */
        OK,
        /** Tried and failed; the device still serves what it served before. */
        FAILED,
        /** Not tried: malformed, or superseded by a later command. */
        REJECTED
    }

    /** @return whether it succeeded */
    public boolean ok() {
        return status == Status.OK;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commandId", commandId);
        m.put("device", device);
        m.put("status", status.name().toLowerCase(Locale.ROOT));
        m.put("message", message);
        return m;
    }

    /** @return the JSON message */
    public String toJson() {
        return StoreJson.write(toMap());
    }

    static CommandResult fromDoc(JsonDoc d) {
        return new CommandResult(
                d.string("commandId"),
                d.string("device"),
                Status.valueOf(d.string("status").toUpperCase(Locale.ROOT)),
                d.optString("message").orElse(""));
    }

    /**
     * @param source for messages
     * @param json the JSON message
     * @return the result
     */
    public static CommandResult fromJson(String source, String json) {
        return fromDoc(JsonDoc.parse(source, json));
    }

    @Override
    public String toString() {
        return device + " " + commandId + " " + status + (message.isEmpty() ? "" : ": " + message);
    }
}
