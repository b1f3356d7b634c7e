package dev.vela.runtime.store;

import java.util.List;
import java.util.Map;

/**
 * What a reload (or reset) switched.
 *
 * @param model the model's name
 * @param version the version now running
 * @param previous per switched app, the version it ran before
 * @param unchanged apps that already ran the version
 */
public record ReloadResult(
        String model, ModelVersion version, Map<String, ModelVersion> previous, List<String> unchanged) {

    /** Copies. */
    public ReloadResult {
        previous = Map.copyOf(previous);
        unchanged = List.copyOf(unchanged);
    }

    /** @return a one-line summary */
    public String summary() {
        StringBuilder sb = new StringBuilder(model + " -> " + version + ":");
        previous.forEach((app, v) ->
                sb.append(' ').append(app).append(" (was ").append(v).append(')'));
        if (!unchanged.isEmpty()) {
            sb.append(" already: ").append(String.join(", ", unchanged));
        }
        return sb.toString();
    }
}
