package dev.vela.fleet;

import java.util.List;
import java.util.Set;

/**
 * Which devices a command or rollout addresses: named devices, a group, or every known device.
 *
 * @param devices the named devices (empty unless by name)
 * @param group the group (null unless by group)
 */
public record Target(Set<String> devices, String group) {

    /** Copies. */
    public Target {
        devices = Set.copyOf(devices);
    }

    /** @return every device the controller knows */
    public static Target all() {
        return new Target(Set.of(), null);
    }

    /**
     * @param ids device ids
     * @return those devices
     */
    public static Target devices(String... ids) {
        return new Target(Set.of(ids), null);
    }

    /**
     * @param name a group
     * @return the devices that report it
     */
    public static Target group(String name) {
        return new Target(Set.of(), name);
    }

    boolean matches(DeviceView d) {
        if (!devices.isEmpty()) {
            return devices.contains(d.deviceId());
        }
        return group == null || d.groups().contains(group);
    }

    @Override
    public String toString() {
        return !devices.isEmpty()
                ? "devices " + List.copyOf(devices)
                : group != null ? "group " + group : "all devices";
    }
}
