package dev.vela.samples.nativenpu;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.OutputQuantization;
import java.util.Optional;

/**
 * Checks on the int8 tensors of a node, with errors that name it. Input quantization comes from
 * the input types; the output's from the graph ({@link Node#outputQuantization(int)}, as TFLite
 * models declare it) or, for nodes built by hand, the attributes {@value #OUTPUT_SCALE},
 * {@value #OUTPUT_ZERO_POINT} and optionally {@value #OUTPUT_DTYPE}, as the reference kernels
 * accept them.
 *
 * @since 0.1
 */
final class Int8Types {

    static final String OUTPUT_SCALE = OutputQuantization.SCALE;
    static final String OUTPUT_ZERO_POINT = OutputQuantization.ZERO_POINT;
    static final String OUTPUT_DTYPE = "output_dtype";

    private Int8Types() {}

    /** @return the per-tensor quantization of int8 input {@code index} */
    static Quantization activation(Node node, int index) {
        if (!node.hasInput(index)) {
            throw new InvalidNodeException(node, "input " + index + " is missing");
        }
        TensorType t = node.inputType(index);
        if (t.dataType() != DataType.INT8) {
            throw new InvalidNodeException(
                    node, "input " + index + " is " + t.dataType().label() + ": this provider runs int8 only");
        }
        Quantization q = t.quantization()
                .orElseThrow(() -> new InvalidNodeException(
                        node, "input " + index + " (" + t + ") has no quantization parameters"));
        if (q.count() != 1) {
            throw new InvalidNodeException(node, "input " + index + " must be quantized per tensor, got " + q);
        }
        checkZeroPoint(node, "input " + index, q.zeroPoint());
        return q;
    }

    /** @return the value of constant input {@code index} of type {@code type} */
    static Tensor constant(Node node, int index, DataType type, String what) {
        TensorType t = node.inputType(index);
        if (t.dataType() != type) {
            throw new InvalidNodeException(
                    node,
                    what + " (input " + index + ") must be " + type.label() + ", got "
                            + t.dataType().label());
        }
        return node.inputValue(index)
                .orElseThrow(() -> new InvalidNodeException(
                        node,
                        what + " (input " + index + ") must be a constant: this provider packs it at prepare time"));
    }

    /**
     * @return the int8 output type with {@code shape}; quantization from the attributes, or
     *         {@code fallback} when they are absent and a fallback is given
     */
    static TensorType output(Node node, Shape shape, Quantization fallback) {
        if (node.outputDataType(0).isPresent() && node.outputDataType(0).get() != DataType.INT8) {
            throw new InvalidNodeException(
                    node,
                    "the graph declares a " + node.outputDataType(0).get().label()
                            + " output: this provider produces int8 only");
        }
        if (node.attributes().has(OUTPUT_DTYPE)) {
            boolean int8 = switch (node.attributes().typeOf(OUTPUT_DTYPE)) {
                case INT ->
                    node.attributes().getLong(OUTPUT_DTYPE) == 3
                            || node.attributes().getLong(OUTPUT_DTYPE) == 0;
                case STRING -> node.attributes().getString(OUTPUT_DTYPE).equals(DataType.INT8.label());
                default -> false;
            };
            if (!int8) {
                throw new InvalidNodeException(
                        node,
                        "attribute '" + OUTPUT_DTYPE + "' asks for a non-int8 output: "
                                + "this provider produces int8 only");
            }
        }
        Quantization q = OutputQuantization.declared(node)
                .or(() -> Optional.ofNullable(fallback))
                .orElseThrow(() -> new InvalidNodeException(
                        node,
                        "quantized output needs attribute '" + OUTPUT_SCALE + "' (and '" + OUTPUT_ZERO_POINT + "')"));
        checkZeroPoint(node, "output", q.zeroPoint());
        return TensorType.quantized(DataType.INT8, shape, q);
    }

    static void checkZeroPoint(Node node, String what, long zp) {
        if (zp < -128 || zp > 127) {
            throw new InvalidNodeException(node, what + " zero point " + zp + " is outside the int8 range");
        }
    }

    /** Requires input {@code index} to be rank {@code rank}. */
    static Shape rank(Node node, int index, int rank) {
        Shape s = node.inputType(index).shape();
        if (s.rank() != rank) {
            throw new InvalidNodeException(node, "input " + index + " must be rank " + rank + ", got " + s);
        }
        return s;
    }

    /** Requires between min and max inputs, all present up to min. */
    static void inputCount(Node node, int min, int max) {
        if (node.inputCount() < min || node.inputCount() > max) {
            throw new InvalidNodeException(
                    node, "expects " + min + (min == max ? "" : " to " + max) + " inputs, got " + node.inputCount());
        }
        if (node.outputCount() != 1) {
            throw new InvalidNodeException(node, "expects one output, got " + node.outputCount());
        }
    }
}
