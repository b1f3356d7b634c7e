package dev.vela.samples.nativefp32;

/**
 * Which code path a provider uses: the best this CPU runs (CPUID, in C++), capped by the system property
 * {@value #PROPERTY} ({@code portable}, {@code avx2}, {@code avx512} or {@code auto}). A request above what
 * the CPU runs falls back to the best it does run.
 */
public final class Dispatch {

    /** The system property capping the code path. */
    public static final String PROPERTY = "vela.fp32.isa";

    private Dispatch() {}

    /** @return the best path this CPU runs */
    public static Isa best() {
        Fp32Native.ensureLoaded();
        return Isa.ofCode(Fp32Native.fp32_best_isa());
    }

    /**
     * @param requested a path
     * @return it, or the best this CPU runs when that is lower
     */
    public static Isa resolve(Isa requested) {
        Fp32Native.ensureLoaded();
        return Isa.ofCode(Fp32Native.fp32_clamp_isa(requested.code()));
    }

    /** @return the path {@value #PROPERTY} asks for, resolved */
    public static Isa fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "auto");
        return value.isBlank() || value.trim().equalsIgnoreCase("auto") ? best() : resolve(Isa.parse(value));
    }
}
