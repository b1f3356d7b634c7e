package dev.vela.spi;

import java.util.Objects;

/**
 * A factory's answer to {@link KernelFactory#supports(Node)}: yes, or no with a reason a person
 * can act on (the runtime prints it when it places the node elsewhere).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class Support {

    private static final Support YES = new Support(true, "");

    private final boolean supported;
    private final String reason;

    private Support(boolean supported, String reason) {
        this.supported = supported;
        this.reason = reason;
    }

    /** @return the positive answer */
    public static Support yes() {
        return YES;
    }

    /**
     * @param reason why not, e.g. {@code "dilations > 1 not supported"}
     * @return the negative answer
     */
    public static Support no(String reason) {
        return new Support(false, Objects.requireNonNull(reason, "reason"));
    }

    /** @return whether the node is supported */
    public boolean isSupported() {
        return supported;
    }

    /** @return why not; empty when supported */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return supported ? "supported" : "not supported: " + reason;
    }
}
