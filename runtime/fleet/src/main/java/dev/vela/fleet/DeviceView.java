package dev.vela.fleet;

import dev.vela.runtime.store.JsonDoc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a controller knows of a device: its last retained state.
 *
 * @param deviceId the device
 * @param groups its groups
 * @param online whether it is connected (its will message says false when it drops off)
 * @param state the whole state message
 */
public record DeviceView(String deviceId, List<String> groups, boolean online, JsonDoc state) {

    static DeviceView parse(String topic, String json) {
        JsonDoc d = JsonDoc.parse(topic, json);
        return new DeviceView(
                d.string("device"),
                d.strings("groups"),
                Boolean.TRUE.equals(d.fields().get("online")),
                d);
    }

    /**
     * @param model a model
     * @return per app using it, the version it runs (empty when unknown)
     */
    public Map<String, String> versionsOf(String model) {
        Map<String, String> m = new LinkedHashMap<>();
        state.object("store").ifPresent(store -> {
            for (JsonDoc b : store.objects("apps")) {
                if (b.string("model").equals(model)) {
                    m.put(b.string("app"), b.string("version"));
                }
            }
        });
        return m;
    }

    /** @return the results of its recent commands, as it published them */
    public List<CommandResult> recentResults() {
        return state.objects("results").stream().map(CommandResult::fromDoc).toList();
    }
}
