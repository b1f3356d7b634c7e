package dev.vela.reference.linalg;

import dev.vela.spi.Shape;

/**
 * A shape seen as {@code [outer, n, inner]} around one axis (or, for the pre-opset-13
 * softmax family, around the 2-D coercion point): the {@code n} elements of one lane sit
 * {@code inner} apart, and lane {@code (o, i)} starts at {@code o * n * inner + i}.
 *
 * @param outer product of the dimensions before the split
 * @param n the lane length
 * @param inner product of the dimensions after the lane (the stride between lane elements)
 */
record AxisSplit(int outer, int n, int inner) {

    /**
     * @param shape the shape
     * @param axis a normalised axis
     * @return the split along exactly that axis
     */
    static AxisSplit along(Shape shape, int axis) {
        int[] d = shape.dims();
        return new AxisSplit(product(d, 0, axis), d[axis], product(d, axis + 1, d.length));
    }

    /**
     * @param shape the shape
     * @param axis a normalised axis
     * @return the split of the 2-D coercion {@code [d0*..*d(axis-1), d(axis)*..*d(r-1)]}
     */
    static AxisSplit coerced(Shape shape, int axis) {
        int[] d = shape.dims();
        return new AxisSplit(product(d, 0, axis), product(d, axis, d.length), 1);
    }

    /** @return the number of lanes */
    int lanes() {
        return outer * inner;
    }

    /**
     * @param lane a lane number in {@code [0, lanes())}
     * @return the flat index of the lane's first element
     */
    int laneStart(int lane) {
        return (lane / inner) * n * inner + lane % inner;
    }

    private static int product(int[] d, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= d[i];
        }
        return p;
    }
}
