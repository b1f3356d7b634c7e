package dev.vela.spi;

import java.util.Arrays;
import java.util.List;

/**
 * The concrete dimensions of a tensor, outermost first. Immutable. A rank-0 shape is a scalar with
 * one element; a dimension of 0 makes an empty tensor.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class Shape {

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * @param dims the dimensions, each {@code >= 0}
     * @return the shape
     * @throws IllegalArgumentException if a dimension is negative or the element count overflows
     */
    public static Shape of(int... dims) {
        int[] copy = dims.clone();
        long count = 1;
        for (int d : copy) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(copy));
            }
            count *= d;
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(copy) + " has more than 2^31-1 elements");
            }
        }
        return copy.length == 0 ? SCALAR : new Shape(copy);
    }

    /**
     * @param dims the dimensions as longs (as ONNX stores them), each in {@code [0, 2^31)}
     * @return the shape
     * @throws IllegalArgumentException if a dimension is out of range
     */
    public static Shape of(long... dims) {
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "dimension " + dims[i] + " out of range in shape " + Arrays.toString(dims));
            }
            ints[i] = (int) dims[i];
        }
        return of(ints);
    }

    /**
     * @param dims the dimensions
     * @return the shape
     */
    public static Shape of(List<Integer> dims) {
        return of(dims.stream().mapToInt(Integer::intValue).toArray());
    }

    /** @return the rank-0 shape */
    public static Shape scalar() {
        return SCALAR;
    }

    /** @return the number of dimensions */
    public int rank() {
        return dims.length;
    }

    /**
     * @param axis {@code 0 <= axis < rank()}, or negative counting from the end
     * @return the size of that dimension
     */
    public int dim(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /** @return a copy of the dimensions */
    public int[] dims() {
        return dims.clone();
    }

    /** @return the dimensions as longs */
    public long[] toLongArray() {
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }

    /** @return the product of the dimensions (1 for a scalar) */
    public int elementCount() {
        int count = 1;
        for (int d : dims) {
            count *= d;
        }
        return count;
    }

    /** @return whether some dimension is 0 */
    public boolean isEmpty() {
        return elementCount() == 0;
    }

    /**
     * Row-major element strides: {@code strides()[i]} is the distance between neighbours along axis i.
     *
     * @return the strides, in elements
     */
    public int[] strides() {
        int[] strides = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= dims[i];
        }
        return strides;
    }

    /**
     * Maps an axis that may count from the end (ONNX style, {@code -rank <= axis < rank}) onto
     * {@code [0, rank)}.
     *
     * @param axis the axis
     * @return the non-negative axis
     * @throws IndexOutOfBoundsException if the axis is out of range for this rank
     */
    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IndexOutOfBoundsException(
                    "axis " + axis + " is out of range for rank " + dims.length + " shape " + this);
        }
        return a;
    }

    /**
     * @param axis the axis to change
     * @param size its new size
     * @return a copy with one dimension replaced
     */
    public Shape withDim(int axis, int size) {
        int[] copy = dims.clone();
        copy[normalizeAxis(axis)] = size;
        return of(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(s.dims, dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** @return e.g. {@code [1x3x224x224]}, or {@code []} for a scalar */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(dims[i]);
        }
        return sb.append(']').toString();
    }
}
