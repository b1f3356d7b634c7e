package dev.vela.spi;

/**
 * Memory layout of a spatial operator's activations (docs/architecture.md D2). Spatial nodes carry it
 * in the string attribute {@value #ATTRIBUTE}; absent means {@link #NCHW}, as in ONNX.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public enum Layout {
    /** Not a spatial claim: the operator does not depend on layout. */
    ANY,
    /** Batch, channels, then spatial dimensions (ONNX). */
    NCHW,
    /** Batch, spatial dimensions, then channels (TFLite). */
    NHWC;

    /** Name of the node attribute that holds the layout of a spatial operator. */
    public static final String ATTRIBUTE = "data_format";

    /**
     * @param node a spatial node
     * @return the layout its {@value #ATTRIBUTE} attribute names, {@link #NCHW} when absent
     * @throws InvalidNodeException if the attribute names neither layout
     */
    public static Layout of(Node node) {
        String value = node.attributes().getString(ATTRIBUTE, "NCHW");
        return switch (value) {
            case "NCHW" -> NCHW;
            case "NHWC" -> NHWC;
            default ->
                throw new InvalidNodeException(
                        node, "attribute '" + ATTRIBUTE + "' must be NCHW or NHWC, got '" + value + "'");
        };
    }

    /** @return whether channels come right after the batch dimension */
    public boolean channelsFirst() {
        return this != NHWC;
    }
}
