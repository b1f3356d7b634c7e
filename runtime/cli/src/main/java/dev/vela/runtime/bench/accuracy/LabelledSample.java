package dev.vela.runtime.bench.accuracy;

import dev.vela.spi.Tensor;
import java.nio.file.Path;

/**
 * One sample of a labelled set: a file ({@code .npy}, {@code .png}, {@code .bmp}, {@code .wav}) or one slice of an
 * {@code .npz} array, with its class index.
 *
 * @param name what messages and reports call it (the file name, or {@code set.npz[i]})
 * @param file the file, or null for an {@code .npz} slice
 * @param tensor the slice, or null for a file
 * @param label the class index
 */
public record LabelledSample(String name, Path file, Tensor tensor, int label) {}
