package dev.vela.samples.javacpu.gemm;

import java.nio.FloatBuffer;

/**
 * Where the GEMM result C [M x N] goes: element {@code (i, j)} at
 * {@code buffer[offset + i * rowStride + j * colStride]}. A column stride other than 1 lets a
 * convolution write NHWC output from a channel-major product.
 *
 * @param buffer the output
 * @param offset where C starts
 * @param rowStride distance between rows
 * @param colStride distance between columns
 */
public record MatrixOut(FloatBuffer buffer, int offset, int rowStride, int colStride) {
}
