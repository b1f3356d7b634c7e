package dev.vela.samples.nativenpu;

/**
 * Chooses the code path of the native kernels at run time. The library is compiled for baseline
 * x86-64; only functions carrying GCC target attributes use AVX2 or AVX-512, and they run only when
 * CPUID says the CPU (and OS) supports them. The system property {@value #PROPERTY} caps the choice
 * ({@code portable}, {@code avx2}, {@code avx512-vnni} or {@code auto}); a cap above what the CPU
 * runs falls back to the best path it does run, never to an illegal instruction.
 *
 * @since 0.1
 */
public final class Dispatch {

    /** System property that caps the code path. */
    public static final String PROPERTY = "vela.npu.isa";

    private Dispatch() {}

    /** @return the fastest path this CPU runs */
    public static Isa best() {
        NpuNative.ensureLoaded();
        return Isa.ofCode(NpuNative.npu_best_isa());
    }

    /**
     * @param requested the wanted path
     * @return the wanted path, or the best one this CPU runs if that is lower
     */
    public static Isa resolve(Isa requested) {
        NpuNative.ensureLoaded();
        return Isa.ofCode(NpuNative.npu_clamp_isa(requested.code()));
    }

    /**
     * @return the path selected by {@value #PROPERTY} (best when unset or {@code auto})
     * @throws IllegalArgumentException if the property holds an unknown label
     */
    public static Isa fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "auto");
        return value.isBlank() || value.trim().equalsIgnoreCase("auto") ? best() : resolve(Isa.parse(value));
    }
}
