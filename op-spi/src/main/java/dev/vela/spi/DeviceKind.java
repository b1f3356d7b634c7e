package dev.vela.spi;

/**
 * The kind of hardware a provider's kernels run on; the runtime lets users order providers by it.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public enum DeviceKind {
    /** General-purpose CPU (scalar or SIMD). */
    CPU,
    /** Graphics processor. */
    GPU,
    /** Neural processing unit. */
    NPU,
    /** Digital signal processor. */
    DSP,
    /** Anything else. */
    OTHER
}
