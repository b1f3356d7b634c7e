package dev.vela.samples.nativefp32;

import java.util.Locale;

/** The code paths of the native kernels, in increasing order of width. */
public enum Isa {
    /** Plain C++ compiled for baseline x86-64 (SSE2), runs anywhere. */
    PORTABLE("portable"),
    /** AVX2 with FMA: 8-lane vectors, 6 x 16 GEMM tiles. */
    AVX2("avx2"),
    /** AVX-512 (F, VL, DQ): 16-lane vectors, 12 x 32 GEMM tiles. */
    AVX512("avx512");

    private final String label;

    Isa(String label) {
        this.label = label;
    }

    /** @return the name used by {@value Dispatch#PROPERTY} */
    public String label() {
        return label;
    }

    int code() {
        return ordinal();
    }

    static Isa ofCode(int code) {
        return values()[code];
    }

    /**
     * @param text a label
     * @return the code path it names
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Isa parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Isa isa : values()) {
            if (isa.label.equals(t)) {
                return isa;
            }
        }
        throw new IllegalArgumentException("unknown code path '" + text + "' (expected portable, avx2 or avx512)");
    }
}
