package dev.vela.spi.semantics;

import dev.vela.spi.API;
import dev.vela.spi.Attributes;
import dev.vela.spi.InvalidNodeException;

/**
 * The ONNX {@code auto_pad} attribute of a sliding-window node. TFLite's {@code SAME} padding is
 * {@link #SAME_UPPER} (the odd unit of padding at the end), its {@code VALID} is {@link #VALID}.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public enum AutoPad {
    /** Explicit {@code pads} (zero when absent). */
    NOTSET,
    /** Output extent {@code ceil(in / stride)}; an odd total padding puts the extra unit at the end. */
    SAME_UPPER,
    /** Output extent {@code ceil(in / stride)}; an odd total padding puts the extra unit at the beginning. */
    SAME_LOWER,
    /** No padding. */
    VALID;

    /** The attribute's name. */
    public static final String ATTRIBUTE = "auto_pad";

    /**
     * @param attributes a node's attributes
     * @param nodeDescription how errors name the node, e.g. {@code node 'conv1' (Conv)}
     * @return the {@code auto_pad} attribute, {@link #NOTSET} when absent
     * @throws InvalidNodeException naming the node for any other value
     */
    public static AutoPad of(Attributes attributes, String nodeDescription) {
        String value = attributes.getString(ATTRIBUTE, NOTSET.name());
        for (AutoPad p : values()) {
            if (p.name().equals(value)) {
                return p;
            }
        }
        throw new InvalidNodeException(
                nodeDescription,
                "attribute '" + ATTRIBUTE + "' must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got '" + value + "'");
    }

    /** @return whether the output extent is {@code ceil(in / stride)} with padding derived from it */
    public boolean isSame() {
        return this == SAME_UPPER || this == SAME_LOWER;
    }
}
