package dev.vela.reference.support;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;

/**
 * Overflow-safe sizes of a sliding window along one dimension. Attributes are 32-bit but their combinations
 * ({@code (kernel - 1) * dilation + 1}, {@code input + padBegin + padEnd}, {@code stride * (input - 1)}) are not:
 * computed in {@code int} they wrap around and yield a plausible but wrong output extent. Here every combination is
 * computed in {@code long} and refused with an {@link InvalidNodeException} naming the node, the dimension and the
 * values when it exceeds 2^31-1. Once the padded extent fits, every index a kernel computes from it
 * ({@code out * stride - padBegin + k * dilation}) fits too.
 */
public final class WindowArithmetic {

    private WindowArithmetic() {
    }

    /**
     * @param node the node, named in the error
     * @param axis the spatial dimension (for the message)
     * @param kernel the kernel extent, at least 1
     * @param dilation the dilation, at least 1
     * @return {@code (kernel - 1) * dilation + 1}
     * @throws InvalidNodeException when it exceeds 2^31-1
     */
    public static int effectiveKernel(Node node, int axis, int kernel, int dilation) {
        long eff = ((long) kernel - 1) * dilation + 1;
        return fits(node, eff, "kernel extent " + kernel + " with dilation " + dilation + " along spatial axis " + axis
                + " spans " + eff + " elements");
    }

    /**
     * @param node the node, named in the error
     * @param axis the spatial dimension (for the message)
     * @param input the input extent
     * @param padBegin padding before, non-negative
     * @param padEnd padding after, non-negative
     * @return {@code input + padBegin + padEnd}
     * @throws InvalidNodeException when it exceeds 2^31-1
     */
    public static int paddedExtent(Node node, int axis, int input, long padBegin, long padEnd) {
        long padded = input + padBegin + padEnd;
        return fits(node, padded, "input extent " + input + " with pads " + padBegin + " and " + padEnd
                + " along spatial axis " + axis + " is " + padded + " elements");
    }

    /**
     * Number of window positions: {@code floor(span / stride) + 1} (ceil with {@code ceilMode}), 0 when the window
     * does not fit.
     *
     * @param padded the padded input extent
     * @param eff the effective kernel extent
     * @param stride the stride, at least 1
     * @param ceilMode whether to round up
     * @return the output extent, never above {@code padded}
     */
    public static int windows(int padded, int eff, int stride, boolean ceilMode) {
        long span = (long) padded - eff;
        if (span < 0) {
            return 0;
        }
        long steps = ceilMode ? Math.floorDiv(span + stride - 1, stride) : span / stride;
        return (int) (steps + 1);
    }

    /**
     * @param node the node, named in the error
     * @param value a size computed in long
     * @param what what the value is, for the message
     * @return the value as an int
     * @throws InvalidNodeException when it is above 2^31-1 or negative
     */
    public static int fits(Node node, long value, String what) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new InvalidNodeException(node, what + ", more than 2^31-1: the window attributes are out of range");
        }
        return (int) value;
    }
}
