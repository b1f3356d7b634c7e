package dev.vela.fleet;

import java.util.regex.Pattern;

/**
 * The topic layout of a fleet under a prefix: per device, {@code <prefix>/devices/<id>/commands} (the controller
 * publishes, QoS 1), {@code <prefix>/devices/<id>/results} (the agent publishes one result per command, QoS 1) and
 * {@code <prefix>/devices/<id>/state} (the agent's retained state: models, apps, recent results, online).
 *
 * @param prefix the fleet's topic prefix, e.g. {@code vela/fleet}
 */
public record FleetTopics(String prefix) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Validates the prefix (no wildcards). */
    public FleetTopics {
        if (prefix == null
                || prefix.isEmpty()
                || prefix.contains("+")
                || prefix.contains("#")
                || prefix.endsWith("/")) {
            throw new IllegalArgumentException(
                    "invalid fleet topic prefix '" + prefix + "': no wildcards, no" + " trailing '/'");
        }
    }

    /**
     * @param deviceId a device id
     * @return it, when it is safe as a topic level
     */
    public static String checkDevice(String deviceId) {
        if (deviceId == null || !ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException(
                    "invalid device id '" + deviceId + "': use up to 128 letters, digits" + " and . _ -");
        }
        return deviceId;
    }

    /** @return the topic a device receives commands on */
    public String commands(String deviceId) {
        return prefix + "/devices/" + checkDevice(deviceId) + "/commands";
    }

    /** @return the topic a device publishes results on */
    public String results(String deviceId) {
        return prefix + "/devices/" + checkDevice(deviceId) + "/results";
    }

    /** @return the retained topic of a device's state */
    public String state(String deviceId) {
        return prefix + "/devices/" + checkDevice(deviceId) + "/state";
    }

    /** @return the filter matching every device's state */
    public String allStates() {
        return prefix + "/devices/+/state";
    }

    /** @return the filter matching every device's results */
    public String allResults() {
        return prefix + "/devices/+/results";
    }

    /**
     * @param topic a state or results topic
     * @return the device id in it
     */
    public String deviceOf(String topic) {
        String rest = topic.substring(prefix.length() + "/devices/".length());
        return rest.substring(0, rest.indexOf('/'));
    }
}
