package dev.vela.conformance.cases;

import dev.vela.spi.Node;

/**
 * A node that every kernel must refuse, and why it is invalid.
 *
 * @param node the node
 * @param why what is wrong with it (e.g. {@code wrong arity: 3 inputs})
 */
public record InvalidNode(Node node, String why) {

    /** @return the reason and the node's input types */
    public String describe() {
        StringBuilder sb = new StringBuilder(why).append(": ").append(node.op()).append('(');
        for (int i = 0; i < node.inputCount(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(node.hasInput(i) ? node.inputType(i).toString() : "absent");
        }
        return sb.append(") -> ")
                .append(node.outputCount())
                .append(" output(s)")
                .toString();
    }
}
