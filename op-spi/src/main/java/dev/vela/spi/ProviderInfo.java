package dev.vela.spi;

import java.util.Objects;

/**
 * Who a provider is: a stable id (used in certificates and placement reports), vendor, version,
 * the device its kernels run on, the SPI version it was built against, and a priority that ranks
 * it against other providers of the same device kind (higher wins).
 *
 * @param id stable identifier, e.g. {@code acme-npu}
 * @param vendor the vendor name
 * @param version the provider's own version
 * @param deviceKind where its kernels run
 * @param spiVersion the SPI version it was built against
 * @param priority rank among providers (higher first); the reference provider has the lowest
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public record ProviderInfo(
        String id, String vendor, String version, DeviceKind deviceKind, SpiVersion spiVersion, int priority) {

    /**
     * @param id stable identifier
     * @param vendor vendor name
     * @param version provider version
     * @param deviceKind device kind
     * @param spiVersion SPI version built against
     * @param priority rank among providers
     */
    public ProviderInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(deviceKind, "deviceKind");
        Objects.requireNonNull(spiVersion, "spiVersion");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "provider id must be letters, digits, '.', '_' or '-', got '" + id + "'");
        }
    }

    /**
     * Info built against {@link SpiVersion#CURRENT} with priority 0.
     *
     * @param id stable identifier
     * @param vendor vendor name
     * @param version provider version
     * @param deviceKind device kind
     * @return the info
     */
    public static ProviderInfo of(String id, String vendor, String version, DeviceKind deviceKind) {
        return new ProviderInfo(id, vendor, version, deviceKind, SpiVersion.CURRENT, 0);
    }
}
