package dev.vela.samples.javacpu.gemm;

/**
 * Where the GEMM result C [M x N] goes: element {@code (i, j)} at
 * {@code array[offset + i * rowStride + j * colStride]}. A column stride other than 1 lets a
 * convolution write NHWC output from a channel-major product. The caller copies the array to the
 * output tensor in one bulk put.
 *
 * @param array the output values
 * @param offset where C starts
 * @param rowStride distance between rows
 * @param colStride distance between columns
 */
public record MatrixOut(float[] array, int offset, int rowStride, int colStride) {}
