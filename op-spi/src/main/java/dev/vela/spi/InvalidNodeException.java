package dev.vela.spi;

/**
 * A node that a kernel factory cannot prepare: missing or wrongly typed attribute, input of the
 * wrong type or shape, inconsistent quantization, and so on. The message starts with the node's
 * {@linkplain Node#describe() description}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public class InvalidNodeException extends VelaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param node the node
     * @param problem what is wrong with it
     */
    public InvalidNodeException(Node node, String problem) {
        super(node.describe() + ": " + problem);
    }

    /**
     * @param nodeDescription e.g. {@code node 'conv1' (Conv)}
     * @param problem what is wrong with it
     */
    public InvalidNodeException(String nodeDescription, String problem) {
        super(nodeDescription + ": " + problem);
    }
}
