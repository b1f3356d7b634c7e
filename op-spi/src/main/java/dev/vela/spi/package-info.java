/**
 * The operator SPI: what a chip vendor implements and what the runtime and the conformance kit
 * call.
 *
 * <h2>Lifecycle</h2>
 * An {@link dev.vela.spi.OperatorProvider} is found with {@link java.util.ServiceLoader} (see
 * {@link dev.vela.spi.ProviderDiscovery}). It lists {@link dev.vela.spi.KernelFactory kernel
 * factories}, one per operator. For each graph node the runtime asks a factory
 * {@link dev.vela.spi.KernelFactory#supports(Node) supports(node)}, a cheap check that answers with
 * a reason when it says no; then {@link dev.vela.spi.KernelFactory#prepare(Node) prepare(node)},
 * which validates the node, infers its output types and may pack constant weights, returning a
 * {@link dev.vela.spi.Kernel}; then {@link dev.vela.spi.Kernel#invoke(Invocation)} as often as
 * needed.
 *
 * <h2>Memory</h2>
 * Tensors are typed views on little-endian {@link java.nio.ByteBuffer}s ({@link
 * dev.vela.spi.Tensor}). Kernels never allocate their outputs: the caller hands them output views
 * and, if the kernel asked for it, scratch memory.
 *
 * <h2>Stability</h2>
 * The SPI is versioned ({@link dev.vela.spi.SpiVersion}); a runtime accepts providers built
 * against the same major version and a minor version up to its own.
 *
 * @since 0.1
 */
package dev.vela.spi;
