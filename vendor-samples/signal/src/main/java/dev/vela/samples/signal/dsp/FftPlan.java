package dev.vela.samples.signal.dsp;

import java.util.ArrayList;
import java.util.List;

/**
 * How kissfft (v1.3.0, which TFLite Micro builds its RFFT on) splits a complex FFT of {@code n} points into radix
 * stages: powers of 4 first, then 2, then odd primes ({@code kf_factor} in kiss_fft.c). Each stage is a pair
 * (radix p, remaining length m).
 */
final class FftPlan {
    private FftPlan() {}

    /** Stages as {p0, m0, p1, m1, ...}; refuses radices TFLite Micro's kissfft build cannot run. */
    static int[] factor(int n) {
        if (n < 2) {
            // kissfft plans length 1 as one radix-1 stage, which only its generic butterfly (unusable in TFLite
            // Micro's build, see below) handles
            throw new IllegalArgumentException(
                    "complex FFT length must be at least 2 (fft_length at least 4), got " + n);
        }
        List<Integer> stages = new ArrayList<>();
        int p = 4;
        double floorSqrt = Math.floor(Math.sqrt(n));
        int rest = n;
        do {
            while (rest % p != 0) {
                p = switch (p) {
                    case 4 -> 2;
                    case 2 -> 3;
                    default -> p + 2;
                };
                if (p > floorSqrt) {
                    p = rest;
                }
            }
            rest /= p;
            if (p > 5) {
                // kissfft's generic butterfly needs a heap buffer, which TFLite Micro's build patches to null.
                throw new IllegalArgumentException("complex FFT length " + n + " has the factor " + p
                        + "; TFLite Micro's kissfft supports only lengths whose factors are 2, 3 and 5");
            }
            stages.add(p);
            stages.add(rest);
        } while (rest > 1);
        return stages.stream().mapToInt(Integer::intValue).toArray();
    }
}
