package dev.vela.spi;

import java.util.Locale;

/**
 * Which integer semantics a quantized node follows (docs/architecture.md D15). TFLite Micro's and TFLite's reference
 * kernels agree on most quantized operators but not on all: TFLite's FULLY_CONNECTED requantizes its accumulator in
 * double with one rounding where TFLite Micro uses a fixed-point multiplier with two, and TFLite's int8
 * UNIDIRECTIONAL_SEQUENCE_LSTM computes its gate activations with gemmlowp's int16 fixed-point logistic and tanh
 * where TFLite Micro uses lookup tables. Both are bit-exact targets, so the flavour is part of the node's meaning: the
 * runtime writes it into the node as the string attribute {@value #ATTRIBUTE}, and kernels read it through {@link
 * #of(Node)}. A node without the attribute is {@link #TFLM}, the flavour of every 1.0 plugin.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public enum NumericsFlavour {

    /** TFLite Micro's reference kernels: the default, and what every node without the attribute means. */
    TFLM("tflm"),

    /** TFLite 2.20's reference kernels ({@code BuiltinRefOpResolver}). */
    TFLITE("tflite");

    /** The node attribute (a string, {@link #label()}) that carries the flavour. */
    public static final String ATTRIBUTE = "vela_numerics";

    private final String label;

    NumericsFlavour(String label) {
        this.label = label;
    }

    /** @return the name used in attributes, profiles, certificates, packages and on the command line */
    public String label() {
        return label;
    }

    /**
     * @param label {@code tflm} or {@code tflite} (case-insensitive)
     * @return the flavour
     * @throws IllegalArgumentException naming the known flavours when {@code label} is none of them
     */
    public static NumericsFlavour parse(String label) {
        if (label != null) {
            String wanted = label.strip().toLowerCase(Locale.ROOT);
            for (NumericsFlavour f : values()) {
                if (f.label.equals(wanted)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown numerics flavour '" + label + "' (known: tflm, tflite)");
    }

    /**
     * @param node a node
     * @return the flavour its {@value #ATTRIBUTE} attribute names, {@link #TFLM} when it has none
     * @throws InvalidNodeException naming the node when the attribute is not a string or names no flavour
     */
    public static NumericsFlavour of(Node node) {
        Attributes attributes = node.attributes();
        if (!attributes.has(ATTRIBUTE)) {
            return TFLM;
        }
        if (attributes.typeOf(ATTRIBUTE) != AttributeType.STRING) {
            throw new InvalidNodeException(
                    node,
                    "attribute " + ATTRIBUTE + " must be a string (tflm or tflite), got "
                            + attributes.typeOf(ATTRIBUTE));
        }
        try {
            return parse(attributes.getString(ATTRIBUTE));
        } catch (IllegalArgumentException e) {
            throw new InvalidNodeException(node, "attribute " + ATTRIBUTE + ": " + e.getMessage());
        }
    }
}
