/**
 * The nine TFLite Micro signal-library algorithms as plain Java on arrays, bit-exact with TFLite Micro's C sources
 * (tensorflow/tflite-micro, {@code signal/src/} and {@code signal/micro/kernels/}, Apache-2.0). The code is written
 * anew from the algorithms; each class names the source file it follows.
 *
 * <p>Unsigned C types are held in Java's signed types with the same bits: {@code uint32} in {@code int},
 * {@code uint64} in {@code long}. Where the C code relies on two's-complement wrap-around of fixed-width
 * arithmetic, or on the x86 behaviour of shift counts (masked to 5 or 6 bits), Java's {@code int}/{@code long}
 * arithmetic and shifts behave identically, which is what makes the results bit-exact.
 */
package dev.vela.samples.signal.dsp;
