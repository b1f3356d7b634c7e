package dev.vela.samples.nativenpu;

import java.util.Locale;

/**
 * The code paths of the native kernels, from the portable one every x86-64 runs to the fastest.
 * The C++ side uses the same numeric codes.
 *
 * @since 0.1
 */
public enum Isa {
    /** Plain C++ for baseline x86-64. */
    PORTABLE("portable"),
    /** AVX2: int16 multiply-add (vpmaddwd). */
    AVX2("avx2"),
    /** AVX-512 with VNNI: u8 x s8 dot products (vpdpbusd). */
    AVX512_VNNI("avx512-vnni");

    private final String label;

    Isa(String label) {
        this.label = label;
    }

    /** @return the name used in the {@value Dispatch#PROPERTY} system property and in reports */
    public String label() {
        return label;
    }

    /** @return the code the C++ side uses */
    int code() {
        return ordinal();
    }

    static Isa ofCode(int code) {
        return values()[code];
    }

    /**
     * @param text a label such as {@code avx2} (case-insensitive; {@code _} and {@code -} are the same)
     * @return the instruction set
     * @throws IllegalArgumentException for an unknown label
     */
    public static Isa parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Isa isa : values()) {
            if (isa.label.equals(t)) {
                return isa;
            }
        }
        throw new IllegalArgumentException(
                "unknown instruction set '" + text + "' (expected portable, avx2 or avx512-vnni)");
    }
}
