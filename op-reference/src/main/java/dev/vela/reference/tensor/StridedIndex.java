package dev.vela.reference.tensor;

/** Source element indices for walking an output row-major while stepping a source by strides. */
final class StridedIndex {

    private StridedIndex() {}

    /**
     * @param dims the output dimensions
     * @param stride for each output axis, the source step (in elements, may be negative or 0)
     * @param start the source index of output element 0
     * @return for each output element in row-major order, its source element index
     */
    static int[] walk(int[] dims, int[] stride, int start) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        int[] result = new int[n];
        int rank = dims.length;
        int[] counter = new int[rank];
        int src = start;
        for (int k = 0; k < n; k++) {
            result[k] = src;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                src += stride[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                src -= stride[d] * counter[d];
                counter[d] = 0;
            }
        }
        return result;
    }
}
