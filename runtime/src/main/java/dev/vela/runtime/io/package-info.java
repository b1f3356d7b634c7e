/**
 * Tensor file formats: NumPy .npy reading and writing.
 */
package dev.vela.runtime.io;
