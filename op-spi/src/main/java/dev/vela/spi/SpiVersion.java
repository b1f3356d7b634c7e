package dev.vela.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code major.minor} version of this SPI, and the compatibility rule between a runtime and a
 * provider (docs/architecture.md D6): same major version, provider minor version not newer than the
 * runtime's.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class SpiVersion implements Comparable<SpiVersion> {

    /**
     * The version of the SPI these classes implement: 1.1 added operator definitions and kernel
     * state; a runtime at 1.1 still admits providers built against 1.0.
     */
    public static final SpiVersion CURRENT = new SpiVersion(1, 1);

    private final int major;
    private final int minor;

    private SpiVersion(int major, int minor) {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("SPI version parts must not be negative: " + major + "." + minor);
        }
        this.major = major;
        this.minor = minor;
    }

    /**
     * A version from its parts.
     *
     * @param major incremented on incompatible changes
     * @param minor incremented on compatible additions
     * @return the version
     */
    public static SpiVersion of(int major, int minor) {
        return new SpiVersion(major, minor);
    }

    /**
     * Parses {@code "major.minor"}.
     *
     * @param text the version text
     * @return the version
     * @throws IllegalArgumentException if the text is not two non-negative integers joined by a dot
     */
    public static SpiVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("SPI version must be 'major.minor', got '" + text + "'");
        }
        try {
            return new SpiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SPI version must be 'major.minor', got '" + text + "'", e);
        }
    }

    /** @return the major version */
    public int major() {
        return major;
    }

    /** @return the minor version */
    public int minor() {
        return minor;
    }

    /**
     * Whether a runtime implementing this version may load a provider built against
     * {@code providerVersion}.
     *
     * @param providerVersion the version the provider was built against
     * @return empty if compatible, else the reason it is not
     */
    public Optional<String> incompatibilityWith(SpiVersion providerVersion) {
        Objects.requireNonNull(providerVersion, "providerVersion");
        if (providerVersion.major != major) {
            return Optional.of("provider was built against SPI " + providerVersion + " but this runtime implements SPI "
                    + this + ": major versions differ");
        }
        if (providerVersion.minor > minor) {
            return Optional.of("provider was built against SPI " + providerVersion + ", newer than this runtime's SPI "
                    + this + ": upgrade the runtime");
        }
        return Optional.empty();
    }

    /**
     * @param providerVersion the version the provider was built against
     * @return whether {@link #incompatibilityWith(SpiVersion)} is empty
     */
    public boolean accepts(SpiVersion providerVersion) {
        return incompatibilityWith(providerVersion).isEmpty();
    }

    @Override
    public int compareTo(SpiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpiVersion v && v.major == major && v.minor == minor;
    }

    @Override
    public int hashCode() {
        return 31 * major + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
