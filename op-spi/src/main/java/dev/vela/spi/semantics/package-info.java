/**
 * Typed views of the standard attributes that several parties read: the reference kernels, the conformance
 * kit, the runtime's importers and passes, and vendor kernels. One definition each, so that a vendor kernel,
 * the kit's expectation and the reference cannot drift apart on what an attribute means.
 *
 * <ul>
 *   <li>{@link dev.vela.spi.semantics.SpatialWindow}: where a sliding window (Conv, ConvTranspose, pooling)
 *       sits on its input: kernel, strides, dilations, explicit pads or {@code auto_pad}, {@code ceil_mode},
 *       the output extent and the start of each output position's window, in overflow-safe arithmetic;</li>
 *   <li>{@link dev.vela.spi.semantics.FusedActivation}: the activation a node fuses into its output
 *       ({@code activation}, {@code activation_params}), applied to float values or turned into the clamp
 *       range of a quantized output ({@link dev.vela.spi.semantics.ActivationRange});</li>
 *   <li>{@link dev.vela.spi.semantics.OutputQuantization}: the quantization a node declares for its output, from
 *       the graph or the {@code output_scale} / {@code output_zero_point} attributes.</li>
 * </ul>
 *
 * <p>Every type here is new in SPI 1.1 and {@link dev.vela.spi.API.Status#EXPERIMENTAL}; a 1.0 plugin needs
 * none of it.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
package dev.vela.spi.semantics;

import dev.vela.spi.API;
