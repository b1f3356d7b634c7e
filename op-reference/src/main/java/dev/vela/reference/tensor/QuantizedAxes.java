package dev.vela.reference.tensor;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;

/**
 * Output types of data-movement ops on quantized inputs. Per-tensor parameters carry over
 * unchanged (the bytes are copied, so the real values are too). Per-axis parameters must follow
 * their axis to its new position; when an op cuts, repeats or merges that axis the scales would
 * have to be rearranged too, which these kernels do not do, so they refuse the node instead of
 * producing a wrongly labelled output.
 */
final class QuantizedAxes {

    private QuantizedAxes() {}

    /**
     * @param node the node, named in errors
     * @param in the input type
     * @param out the output shape
     * @param newAxis where the per-axis quantized axis lands in the output, or -1 if it does not survive
     * @return the output type
     */
    static TensorType moved(Node node, TensorType in, Shape out, int newAxis) {
        Quantization q = in.quantization().orElse(null);
        if (q == null || !q.isPerAxis()) {
            return in.withShape(out);
        }
        if (newAxis < 0 || newAxis >= out.rank() || out.dim(newAxis) != q.count()) {
            throw new InvalidNodeException(
                    node,
                    "per-axis quantization on axis " + q.axis() + " of " + in
                            + " does not carry over to the output shape " + out);
        }
        return TensorType.quantized(in.dataType(), out, Quantization.perAxis(newAxis, q.scales(), q.zeroPoints()));
    }

    /**
     * For ops that keep the axes and change the sizes of some of them.
     *
     * @param node the node, named in errors
     * @param in the input type
     * @param out the output shape, of the input's rank
     * @return the output type
     */
    static TensorType kept(Node node, TensorType in, Shape out) {
        Quantization q = in.quantization().orElse(null);
        if (q == null || !q.isPerAxis()) {
            return in.withShape(out);
        }
        return moved(node, in, out, out.rank() == in.shape().rank() ? q.axis() : -1);
    }

    /**
     * For ops that only regroup the row-major elements (Reshape, Flatten, Squeeze, Unsqueeze): the
     * quantized axis survives where an output axis of the same size starts at the same element
     * offset.
     *
     * @param node the node, named in errors
     * @param in the input type
     * @param out the output shape, of the input's element count
     * @return the output type
     */
    static TensorType reshaped(Node node, TensorType in, Shape out) {
        Quantization q = in.quantization().orElse(null);
        if (q == null || !q.isPerAxis()) {
            return in.withShape(out);
        }
        long before = 1;
        for (int i = 0; i < q.axis(); i++) {
            before *= in.shape().dim(i);
        }
        long product = 1;
        for (int j = 0; j < out.rank(); j++) {
            if (product == before && out.dim(j) == q.count()) {
                return moved(node, in, out, j);
            }
            product *= out.dim(j);
        }
        return moved(node, in, out, -1);
    }

    /**
     * @param node the node, named in errors
     * @param in an input type
     * @return {@code in} if it is not quantized
     */
    static TensorType unquantized(Node node, TensorType in) {
        if (in.isQuantized()) {
            throw new InvalidNodeException(
                    node, "does arithmetic on the stored integers, so it cannot take the quantized " + in);
        }
        return in;
    }
}
